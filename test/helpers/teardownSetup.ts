/** jest setupFilesAfterEnv: after each test file, stops what it left running (see teardown.ts). */
import { closeWhatTestsLeftOpen } from './teardown';

afterAll(closeWhatTestsLeftOpen);
