import { defineConfig } from "vitest/config";

// Browser tests: one Chromium at a time (2-core machines), generous timeouts for cold starts.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
