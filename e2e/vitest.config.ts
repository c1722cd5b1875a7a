import { defineConfig } from "vitest/config";

// Browser tests: one Chromium at a time (2-core machines), generous timeouts for cold starts.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A page reacting (a dialog, a count) can take seconds on a busy 2-core machine, which a poll waits out.
    expect: { poll: { timeout: 5000 } },
  },
});
