import { flowStatusChange } from './statusChange';

export const { description, validate, execute } = flowStatusChange('publish', 'PUBLISHED');
