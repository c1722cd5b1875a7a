import { defineConfig } from "vitest/config";

// Browser tests in Firefox ESR: one browser at a time (2-core machines), generous timeouts for cold starts.
export default defineConfig({
  test: {
    include: ["e2e/firefox/**/*.firefox.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
