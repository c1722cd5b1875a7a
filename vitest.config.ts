import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: [{ find: /^~(.*)$/, replacement: new URL("./$1", import.meta.url).pathname }] },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "scripts/**/*.test.ts"],
    environment: "node",
    // CI and this machine are shared and often busy: a test fails on what it asserts, never on the clock.
    testTimeout: 60_000,
  },
});
