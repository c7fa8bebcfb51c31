/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', }],
	},
	testTimeout: 30000,
	// n8n-core writes its instance settings under N8N_USER_FOLDER; tests point it at a temp folder.
	setupFiles: ['<rootDir>/test/helpers/setupEnv.ts'],
	// Every console line, n8n log line and engine run is scanned for the token and App Secret;
	// what n8n-core leaves running is stopped after each file, so Jest exits without forceExit.
	setupFilesAfterEnv: ['<rootDir>/test/helpers/secretScanSetup.ts', '<rootDir>/test/helpers/teardownSetup.ts'],
};
