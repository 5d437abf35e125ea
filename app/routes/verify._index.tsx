import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { normaliseCertificateId } from "~/certificates/ids";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("certificates");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const id = new URL(request.url).searchParams.get("id");
  const { t } = await requestTranslator({ request, context }, "certificates");
  const title = pageTitle(t("verifyForm.title"));
  if (id === null) return { title, error: null, value: "" };
  const normal = normaliseCertificateId(id);
  if (normal) throw redirect(paths.verify(normal));
  return { title, error: t("verifyForm.invalid", { example: "K7QM-3XHP-9TRD-W2FN" }), value: id };
}

export default function VerifyForm() {
  const { error, value } = useLoaderData<typeof loader>();
  const { t } = useTranslation("certificates");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("verifyForm.title")}</h1>
      <p className="mt-2 muted">{t("verifyForm.intro")}</p>
      <Form method="get" className="mt-6 space-y-4">
        <div>
          <label htmlFor="id" className="field-label">
            {t("verifyForm.label")}
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
          {t("verifyForm.submit")}
        </button>
      </Form>
    </div>
  );
}
