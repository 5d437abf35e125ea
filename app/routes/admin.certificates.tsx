import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/auth.server";
import { recentCertificates, revokeCertificate } from "~/certificates/certificate.server";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "Certificates · Admin" }];

const RevokeSchema = z.object({
  id: z.string().trim().min(1, "Enter the certificate ID."),
  reason: z.string().trim().min(3, "Give a reason; it is shown on the verify page.").max(300, "Keep the reason under 300 characters."),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, "admin");
  const rows = await recentCertificates(db);
  return { certificates: rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString(), revokedAt: r.revokedAt?.toISOString() ?? null })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireRole(request, context, "admin");
  const form = Object.fromEntries(await readForm(request));
  const parsed = RevokeSchema.safeParse(form);
  if (!parsed.success) return { ok: false, errors: parsed.error.flatten().fieldErrors, values: form };
  const revoked = await revokeCertificate(db, parsed.data.id, parsed.data.reason);
  if (!revoked) return { ok: false, errors: { id: ["No valid certificate has this ID (or it is already revoked)."] }, values: form };
  return { ok: true, errors: {}, values: {} };
}

export default function AdminCertificates() {
  const { certificates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string[] | undefined>;
  const values = (result?.values ?? {}) as Record<string, string>;
  return (
    <div>
      <h1 className="text-3xl font-bold">Certificates</h1>
      <section aria-labelledby="revoke-heading" className="card mt-6 max-w-xl">
        <h2 id="revoke-heading" className="text-xl font-semibold">Revoke a certificate</h2>
        <Form method="post" className="mt-4 space-y-4">
          <div>
            <label htmlFor="id" className="field-label">Certificate ID</label>
            <input id="id" name="id" defaultValue={values.id} className="field-input" aria-invalid={errors.id ? true : undefined} aria-describedby={errors.id ? "id-error" : undefined} />
            {errors.id && <p id="id-error" className="field-error">{errors.id.join(" ")}</p>}
          </div>
          <div>
            <label htmlFor="reason" className="field-label">Reason</label>
            <input id="reason" name="reason" defaultValue={values.reason} className="field-input" aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? "reason-error" : undefined} />
            {errors.reason && <p id="reason-error" className="field-error">{errors.reason.join(" ")}</p>}
          </div>
          <button type="submit" className="btn-primary">Revoke</button>
          {result?.ok && <p role="status">The certificate is revoked.</p>}
        </Form>
      </section>
      <h2 className="mt-10 text-xl font-semibold">Recently issued</h2>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th className="py-2 pr-4">ID</th>
              <th className="py-2 pr-4">Learner</th>
              <th className="py-2 pr-4">Course</th>
              <th className="py-2 pr-4">Issued</th>
              <th className="py-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((c) => (
              <tr key={c.id} className="border-b border-slate-200 dark:border-slate-700">
                <td className="py-2 pr-4"><Link to={`/verify/${c.id}`}>{c.id}</Link></td>
                <td className="py-2 pr-4">{c.learnerName}</td>
                <td className="py-2 pr-4">{c.courseTitle}</td>
                <td className="py-2 pr-4">{c.issuedAt.slice(0, 10)}</td>
                <td className="py-2">{c.revokedAt ? `Revoked: ${c.revokedReason}` : "Valid"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
