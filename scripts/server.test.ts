import { describe, expect, it } from "vitest";
import { bodyLimitFor } from "./server";

const KiB = 1024;

describe("request body limits", () => {
  it("allow 6 MiB only for an image upload to a course's media", () => {
    for (const path of ["/author/green-it/media", "/author/green-it/media/", "/author/green-it/media.data"]) {
      expect(bodyLimitFor("POST", path), path).toBe(6 * 1024 * KiB);
    }
    expect(bodyLimitFor("post", "/author/green-it/media")).toBe(6 * 1024 * KiB);
  });

  it("keep 64 KiB everywhere else, other methods and neighbouring addresses included", () => {
    for (const [method, path] of [
      ["POST", "/login"],
      ["POST", "/"],
      ["PUT", "/author/green-it/media"],
      ["PATCH", "/author/green-it/media"],
      ["POST", "/author/media"],
      ["POST", "/author/a/b/media"],
      ["POST", "/author/green-it/media/extra"],
      ["POST", "/author/green-it/mediax"],
      ["POST", "/x/author/green-it/media"],
      ["POST", "/author/green-it/lessons"],
    ]) {
      expect(bodyLimitFor(method, path), `${method} ${path}`).toBe(64 * KiB);
    }
  });
});
