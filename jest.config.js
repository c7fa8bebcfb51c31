/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', }],
	},
	testTimeout: 30000,
	// n8n-core keeps timers (instance settings, binary data) alive after a run.
	forceExit: true,
	// n8n-core writes its instance settings under N8N_USER_FOLDER; tests point it at a temp folder.
	setupFiles: ['<rootDir>/test/helpers/setupEnv.ts'],
	// Every console line, n8n log line and engine run is scanned for the token and App Secret.
	setupFilesAfterEnv: ['<rootDir>/test/helpers/secretScanSetup.ts'],
};
