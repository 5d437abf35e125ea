import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/auth.server";
import { findCertificate, recentCertificates, revokeCertificate } from "~/certificates/certificate.server";
import { normaliseCertificateId } from "~/certificates/ids";
import { Field } from "~/components/field";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/lib/format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Certificates", "Admin") }];

const RevokeSchema = z.object({
  intent: z.enum(["check", "revoke"]).default("check"),
  id: z
    .string({ required_error: "Enter the certificate ID." })
    .trim()
    .max(40, "A certificate ID has 16 letters and digits, like K7QM-3XHP-9TRD-W2FN.")
    .transform((v) => normaliseCertificateId(v) ?? "")
    .pipe(z.string().min(1, "A certificate ID has 16 letters and digits, like K7QM-3XHP-9TRD-W2FN.")),
  reason: z
    .string({ required_error: "Give a reason; it is shown on the verify page." })
    .trim()
    .min(3, "Give a reason; it is shown on the verify page.")
    .max(300, "Keep the reason under 300 characters."),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, "admin");
  const rows = await recentCertificates(db);
  return {
    certificates: rows.map((r) => ({
      ...r,
      path: paths.verify(r.id),
      issuedAt: r.issuedAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
    })),
  };
}

/** Revoking takes two steps: check (the form shows whose certificate it is), then confirm. */
export async function action({ request, context }: ActionFunctionArgs) {
  requireRole(request, context, "admin");
  const submission = parseWithZod(await readForm(request), { schema: RevokeSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), confirm: null, revoked: false }, 400);
  const { intent, id, reason } = submission.value;
  const certificate = await findCertificate(db, id);
  if (!certificate || certificate.status === "revoked") {
    const message = certificate ? "This certificate is already revoked." : "No certificate has this ID.";
    return data({ result: submission.reply({ fieldErrors: { id: [message] } }), confirm: null, revoked: false }, 400);
  }
  if (intent === "check") {
    const confirm = { id, learnerName: certificate.learnerName, courseTitle: certificate.courseTitle, reason };
    return data({ result: submission.reply(), confirm, revoked: false }, 200);
  }
  await revokeCertificate(db, id, reason);
  return data({ result: submission.reply({ resetForm: true }), confirm: null, revoked: true }, 200);
}

export default function AdminCertificates() {
  const { certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result });
  const confirm = actionData?.confirm;
  return (
    <div>
      <h1 className="text-3xl font-bold">Certificates</h1>
      <section aria-labelledby="revoke-heading" className="card mt-6 max-w-xl">
        <h2 id="revoke-heading" className="text-xl font-semibold">
          Revoke a certificate
        </h2>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <Field
            field={fields.id}
            label="Certificate ID"
            hint="As printed, e.g. K7QM-3XHP-9TRD-W2FN; case and spaces do not matter."
          />
          <Field field={fields.reason} label="Reason" hint="Shown on the public verify page." />
          {confirm ? (
            <div role="alert" className="rounded-md border border-red-600 bg-red-50 p-4 dark:bg-red-950">
              <p>
                Revoke certificate <code>{confirm.id}</code> of <strong>{confirm.learnerName}</strong> for{" "}
                <em>{confirm.courseTitle}</em>? Its verify page and the status list will say it is revoked, with this
                reason. This cannot be undone.
              </p>
              <div className="mt-3 flex flex-wrap gap-3">
                <button type="submit" name="intent" value="revoke" className="btn-primary">
                  Yes, revoke this certificate
                </button>
                <Link to={paths.adminCertificates()} className="btn-secondary">
                  Cancel
                </Link>
              </div>
            </div>
          ) : (
            <button type="submit" name="intent" value="check" className="btn-primary">
              Revoke…
            </button>
          )}
          {actionData?.revoked && <p role="status">The certificate is revoked.</p>}
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
                <td className="py-2 pr-4">
                  <Link to={c.path}>{c.id}</Link>
                </td>
                <td className="py-2 pr-4">{c.learnerName}</td>
                <td className="py-2 pr-4">{c.courseTitle}</td>
                <td className="py-2 pr-4">{formatDate(c.issuedAt, "medium")}</td>
                <td className="py-2">{c.revokedAt ? `Revoked: ${c.revokedReason}` : "Valid"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
