import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { normaliseCertificateId } from "~/certificates/ids";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Verify a certificate") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const id = new URL(request.url).searchParams.get("id");
  if (id === null) return { error: null, value: "" };
  const normal = normaliseCertificateId(id);
  if (normal) throw redirect(paths.verify(normal));
  return { error: "A certificate ID has 16 letters and digits, like K7QM-3XHP-9TRD-W2FN.", value: id };
}

export default function VerifyForm() {
  const { error, value } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Verify a certificate</h1>
      <p className="mt-2 muted">Enter the ID printed on the certificate, or scan its QR code.</p>
      <Form method="get" className="mt-6 space-y-4">
        <div>
          <label htmlFor="id" className="field-label">
            Certificate ID
          </label>
          <input
            id="id"
            name="id"
            defaultValue={value}
            className="field-input"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "id-error" : undefined}
          />
          {error && (
            <p id="id-error" className="field-error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="btn-primary">
          Verify
        </button>
      </Form>
    </div>
  );
}
