import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n.server";
import { say } from "~/i18n/problem";
import { passwordProblem as problemOf } from "./password-strength.server";

/** The problem worded in English, as a person choosing the password reads it. */
const passwordProblem = (...args: Parameters<typeof problemOf>) => {
  const problem = problemOf(...args);
  return problem && say(translator("en"), problem);
};

describe("new passwords", () => {
  it.each([
    ["only spaces", "            ", /only spaces/],
    ["one repeated character", "aaaaaaaaaaaa", /one repeated character/],
    ["a rising sequence", "abcdefghijkl", /sequence/],
    ["a falling sequence", "9876543210", /sequence/],
    ["a keyboard row", "qwertyuiopasdf", /too easy to guess/],
    ["a common password", "password1234", /too easy to guess/],
  ])("are refused when they are %s", (_what, password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it("are refused when they are the e-mail address or its local part", () => {
    expect(passwordProblem("Lea.Ngugi@Example.org", { email: "lea.ngugi@example.org" })).toMatch(/e-mail address/);
    expect(passwordProblem("lea.ngugi.example", { email: "lea.ngugi.example@example.org" })).toMatch(/e-mail address/);
  });

  it("count the person's own name and address against the password", () => {
    const name = "Wanjiru Kamau-Odhiambo";
    expect(passwordProblem("kamauodhiambo", { name, email: "w@example.org" })).toMatch(/personal/);
    expect(passwordProblem("kamauodhiambo")).toBeNull();
  });

  it("word zxcvbn's own warning in the reader's language", () => {
    const problem = problemOf("kamauodhiambo", { name: "Wanjiru Kamau-Odhiambo", email: "w@example.org" })!;
    expect(say(translator("fr"), problem)).toMatch(/^Il contient votre nom.* se devine trop facilement/);
  });

  it("accept a few unrelated words", () => {
    expect(passwordProblem("correct horse battery", { email: "lea@example.org" })).toBeNull();
    expect(passwordProblem("a long test password")).toBeNull();
  });
});
