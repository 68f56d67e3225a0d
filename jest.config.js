/** Jest runs every test under test/ with ts-jest in Node. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  // office-addin-mock pulls office-addin-manifest, whose ESM-only dependencies Jest cannot require.
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js",
  },
  setupFiles: ["<rootDir>/test/support/fast-check-seed.ts"],
  // every temporary file of a run goes under one folder, removed when the run ends
  globalSetup: "<rootDir>/test/support/temp-setup.js",
  globalTeardown: "<rootDir>/test/support/temp-teardown.js",
  testTimeout: 120000,
};
