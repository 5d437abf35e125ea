import { describe, expect, it } from "vitest";
import { authenticate, signUp } from "~/auth/auth.server";
import {
  chooseDataSaver,
  DATA_SAVER_COOKIE,
  dataSaverCookie,
  dataSaverFor,
  varyByDataSaver,
} from "./data-saver.server";

const page = (headers: Record<string, string> = {}) => new Request("http://localhost/courses", { headers });
let accounts = 0;

async function learner() {
  const result = await signUp({
    name: "Thandiwe Mokoena",
    email: `saver${++accounts}-${Date.now()}@example.org`,
    password: "a long test password",
  });
  if ("field" in result) throw new Error(result.problem.key);
  const cookie = result.setCookie.split(";")[0];
  const { user } = await authenticate(cookie);
  return { user: user!, cookie };
}

describe("dataSaverFor", () => {
  it("is off by default", () => {
    expect(dataSaverFor(page(), null)).toEqual({ on: false, browser: false, chosen: false });
  });

  it("is on when the browser sends Save-Data: on, whatever its case and spacing", () => {
    for (const value of ["on", "On", " ON "])
      expect(dataSaverFor(page({ "Save-Data": value }), null)).toEqual({ on: true, browser: true, chosen: false });
    expect(dataSaverFor(page({ "Save-Data": "off" }), null).on).toBe(false);
    expect(dataSaverFor(page({ "Save-Data": "onx" }), null).on).toBe(false);
  });

  it("follows a signed-out visitor's cookie", () => {
    const cookie = `a=1; ${DATA_SAVER_COOKIE}=on; b=2`;
    expect(dataSaverFor(page({ Cookie: cookie }), null)).toEqual({ on: true, browser: false, chosen: true });
    expect(dataSaverFor(page({ Cookie: `${DATA_SAVER_COOKIE}=off` }), null).on).toBe(false);
    expect(dataSaverFor(page({ Cookie: `x${DATA_SAVER_COOKIE}=on` }), null).on).toBe(false);
  });

  it("follows a signed-in person's account setting, not the visitor's cookie", () => {
    const cookie = { Cookie: `${DATA_SAVER_COOKIE}=on` };
    expect(dataSaverFor(page(cookie), { dataSaver: false })).toEqual({ on: false, browser: false, chosen: false });
    expect(dataSaverFor(page(), { dataSaver: true })).toEqual({ on: true, browser: false, chosen: true });
    expect(dataSaverFor(page({ "Save-Data": "on" }), { dataSaver: false })).toEqual({
      on: true,
      browser: true,
      chosen: false,
    });
  });
});

describe("varyByDataSaver", () => {
  it("adds Save-Data and Cookie once, keeping what was there", () => {
    const headers = new Headers({ Vary: "Accept-Encoding, cookie" });
    varyByDataSaver(headers);
    varyByDataSaver(headers);
    expect(headers.get("Vary")).toBe("Accept-Encoding, cookie, Save-Data");
    const empty = new Headers();
    varyByDataSaver(empty);
    expect(empty.get("Vary")).toBe("Save-Data, Cookie");
  });

  it("leaves Vary: * alone", () => {
    const headers = new Headers({ Vary: "*" });
    varyByDataSaver(headers);
    expect(headers.get("Vary")).toBe("*");
  });
});

describe("chooseDataSaver", () => {
  it("keeps a visitor's choice in a cookie for a year, and removes it when turned off", async () => {
    const on = await chooseDataSaver(null, true, null);
    expect(on).toMatch(new RegExp(`^${DATA_SAVER_COOKIE}=on; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly`));
    const off = await chooseDataSaver(null, false, `${DATA_SAVER_COOKIE}=on`);
    expect(off).toMatch(new RegExp(`^${DATA_SAVER_COOKIE}=; Max-Age=0; Path=/`));
  });

  it("keeps a signed-in person's choice in their account, which the session then carries", async () => {
    const { user, cookie } = await learner();
    expect(user.dataSaver).toBe(false);
    expect(await chooseDataSaver(user, true, null)).toBeNull();
    const on = (await authenticate(cookie)).user!;
    expect(on.dataSaver).toBe(true);
    expect(dataSaverFor(page(), on).on).toBe(true);
    // A visitor's cookie left from before signing in is cleared: the account alone decides.
    expect(await chooseDataSaver(user, false, `${DATA_SAVER_COOKIE}=on`)).toBe(dataSaverCookie(false));
    expect((await authenticate(cookie)).user!.dataSaver).toBe(false);
  });
});
