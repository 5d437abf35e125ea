import { gunzipSync } from "node:zlib";
import type { APIRequestContext } from "@playwright/test";
import { createLocalJWKSet, jwtVerify } from "jose";
import { extractText, getDocumentProxy } from "unpdf";
import { queryTestDb } from "./db";
import { expect, expectAccessible, logIn, signUp, test } from "./fixtures";
import { answerQuiz, readQuiz } from "./quiz";

const COURSE = { slug: "green-digital-action-essentials", title: "Green digital action essentials" };
const ADMIN = { email: "admin@example.org", password: "admin-demo-2026" };

/** Verifies a VC-JWT from the site with its published keys, as any verifier would. */
async function verifiedPayload(request: APIRequestContext, jwt: string) {
  const jwks = createLocalJWKSet(await (await request.get("/.well-known/jwks.json")).json());
  return (await jwtVerify(jwt, jwks, { algorithms: ["EdDSA"], typ: "vc+jwt" })).payload;
}

/** Whether the published revocation list has the credential's bit set. */
async function revokedInStatusList(request: APIRequestContext, credential: Record<string, unknown>) {
  const entry = credential.credentialStatus as { statusListCredential: string; statusListIndex: string };
  const response = await request.get(new URL(entry.statusListCredential).pathname);
  expect(response.headers()["content-type"]).toBe("application/vc+jwt");
  const list = await verifiedPayload(request, await response.text());
  const { encodedList } = list.credentialSubject as { encodedList: string };
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), "base64url"));
  const index = Number(entry.statusListIndex);
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

test("complete a course, fail and retake a quiz, earn a certificate that anyone can verify, until it is revoked", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const account = await signUp(page, {
    name: "Zoë Ngũgĩ-Haddad",
    email: `cert-${Date.now()}@example.org`,
    password: "a long test password",
  });
  await page.goto(`/courses/${COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();

  // Module 1: two lessons, then its quiz.
  await page.getByRole("button", { name: "Mark complete and continue" }).click();
  await page.getByRole("button", { name: "Mark complete and take the quiz" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE.slug}/quiz/why-it-matters$`));
  await page.getByRole("button", { name: "Start the quiz" }).click();

  // Before submission, the page holds neither answer keys nor explanations.
  const m1 = readQuiz(COURSE.slug, "why-it-matters");
  const html = await page.content();
  for (const q of m1.questions) expect(html).not.toContain(q.explanation.slice(0, 40));
  expect(html).not.toMatch(/"correct"|correct: ?true/);

  await expectAccessible(page);
  await answerQuiz(page, m1, false);
  await expect(page.getByText("Not passed yet")).toBeVisible();
  await expectAccessible(page);
  // The module quiz shows its key only once passed.
  await expect(page.getByText("✗ Your answer was not right").first()).toBeVisible();
  expect(await page.content()).not.toContain(m1.questions[0].explanation.slice(0, 40));
  await page.getByRole("link", { name: "Try again" }).click();
  await page.getByRole("button", { name: "Start a new attempt" }).click();
  await answerQuiz(page, m1, true);
  await expect(page.getByText("100% · Passed")).toBeVisible();

  // Module 2, its quiz, then the final assessment.
  await page.getByRole("link", { name: /Continue with module 2/ }).click();
  await page.getByRole("button", { name: "Mark complete and continue" }).click();
  await page.getByRole("button", { name: "Mark complete and take the quiz" }).click();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerQuiz(page, readQuiz(COURSE.slug, "acting-on-it"), true);
  await page.getByRole("link", { name: "Go to the final assessment" }).click();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerQuiz(page, readQuiz(COURSE.slug, "final"), true);
  await expect(page.getByText("You have completed the course.")).toBeVisible();

  await page.getByRole("link", { name: "See your certificate" }).click();
  const id = (await page.locator("main code").first().textContent())!;
  expect(id).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
  await expectAccessible(page);
  // The verify link: one unbroken line in a labelled read-only field, and a button that copies it.
  const verifyLink = page.getByLabel("Verify link");
  await expect(verifyLink).toHaveAttribute("readonly", "");
  await expect(verifyLink).toHaveValue(new RegExp(`/verify/${id}$`));
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`/verify/${id}$`));
  await expect(page.getByRole("link", { name: "Add to LinkedIn profile" })).toHaveAttribute(
    "href",
    new RegExp(`linkedin\\.com/profile/add\\?.*certId=${id}`),
  );

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const pdf = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  expect(text).toContain(account.name);
  expect(text).toContain(id);

  const [stored] = queryTestDb<{ n: number; completed: number }>(
    `SELECT COUNT(*) AS n, (SELECT COUNT(*) FROM Enrollment e JOIN User u ON u.id = e.userId WHERE u.email = ? AND e.completedAt IS NOT NULL) AS completed
     FROM Certificate c JOIN User u ON u.id = c.userId WHERE u.email = ?`,
    account.email,
    account.email,
  );
  expect(stored).toEqual({ n: 1, completed: 1 });

  // A signed-out visitor checks it.
  const visitor = await (await browser.newContext()).newPage();
  const response = await visitor.goto(`/verify/${id}`);
  expect(response!.status()).toBe(200);
  await expect(visitor.getByText("✓ Valid certificate")).toBeVisible();
  await expect(visitor.getByText(account.name)).toBeVisible();
  // Employers read plain words first; keys, algorithms and formats wait under "Technical details".
  await expect(visitor.getByText(/Ed25519/)).toBeHidden();
  await visitor.getByText("Technical details").click();
  await expect(visitor.getByText(/Ed25519/)).toBeVisible();
  await expect(visitor.getByLabel("Link to this page")).toHaveValue(new RegExp(`/verify/${id}$`));
  await expect(visitor.getByText(account.email)).toHaveCount(0);
  await expectAccessible(visitor);
  const api = await visitor.request.get(`/api/verify/${id}`);
  expect(await api.json()).toMatchObject({ id, status: "valid", valid: true, signature: { verified: true } });

  // The visitor keeps the Open Badges credential; the status list says it is not revoked.
  const credential = await verifiedPayload(
    visitor.request,
    await (await visitor.request.get(`/verify/${id}/credential.jwt`)).text(),
  );
  expect(credential.credentialStatus).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation" });
  expect(await revokedInStatusList(visitor.request, credential)).toBe(false);

  // An admin revokes it, typing the id loosely; the visitor sees that, and so does the status list.
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, ADMIN);
  await expect(admin.locator("header summary")).toBeVisible();
  await admin.goto("/admin/certificates");
  await admin.getByLabel("Certificate ID").fill(` ${id.toLowerCase().replace(/-/g, " ")} `);
  await admin.getByLabel("Reason").fill("Issued to the wrong account");
  await admin.getByRole("button", { name: "Revoke…" }).click();
  await expect(admin.getByRole("alert")).toContainText(account.name);
  await admin.getByRole("button", { name: "Yes, revoke this certificate" }).click();
  await expect(admin.getByText("The certificate is revoked.")).toBeVisible();
  await visitor.reload();
  await expect(visitor.getByText("✗ Revoked")).toBeVisible();
  await expect(visitor.getByText("Issued to the wrong account")).toBeVisible();
  expect((await (await visitor.request.get(`/api/verify/${id}`)).json()).status).toBe("revoked");
  await expect(visitor.getByLabel("Link to this page")).toHaveCount(0);

  // The holder's page says so, with the reason and date, and offers nothing to share.
  await page.reload();
  await expect(page.getByRole("alert")).toContainText("This certificate was revoked on");
  await expect(page.getByRole("alert")).toContainText("Issued to the wrong account");
  for (const name of ["Add to LinkedIn profile", "Download PDF", "Open Badges credential"])
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Copy link" })).toHaveCount(0);
  await expect(page.getByLabel("Verify link")).toHaveCount(0);
  await expectAccessible(page);
  // The PDF, asked for by its address, is stamped REVOKED.
  const revokedPdf = await page.request.get(`/certificates/${id}.pdf`);
  const revokedText = (
    await extractText(await getDocumentProxy(new Uint8Array(await revokedPdf.body())), { mergePages: true })
  ).text;
  expect(revokedText).toContain("REVOKED");
  expect(revokedText).toContain("Issued to the wrong account");
  expect(await revokedInStatusList(visitor.request, credential)).toBe(true);
});

test("an unknown certificate id answers 404 with a page that says so", async ({ page }) => {
  const response = await page.goto("/verify/ABCD-EFGH-JKMN-PQRS");
  expect(response!.status()).toBe(404);
  await expect(page.getByText("There is no certificate with this ID.")).toBeVisible();
  expect((await page.request.get("/api/verify/ABCD-EFGH-JKMN-PQRS")).status()).toBe(404);
});

test("the JWKS publishes public keys only, and the issuer profile is served", async ({ request }) => {
  const jwks = await (await request.get("/.well-known/jwks.json")).json();
  expect(jwks.keys.length).toBeGreaterThan(0);
  for (const key of jwks.keys) {
    expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
    expect(key).not.toHaveProperty("d");
  }
  expect(await (await request.get("/issuer")).json()).toMatchObject({
    type: ["Profile"],
    name: "Green Digital Academy",
  });
});

test("only admins may revoke", async ({ page }) => {
  await logIn(page, { email: "learner@example.org", password: "learner-demo-2026" });
  await expect(page.locator("header summary")).toBeVisible();
  const response = await page.goto("/admin/certificates");
  expect(response!.status()).toBe(403);
});
