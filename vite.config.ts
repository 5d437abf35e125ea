import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig)],
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  ssr: {
    external: [
      "@prisma/client",
      "@prisma/adapter-better-sqlite3",
      "better-sqlite3",
      "@node-rs/argon2",
      "mdx-bundler",
      "esbuild",
      "sharp",
    ],
  },
  build: { target: "es2022" },
});
