import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/auth.server";
import { organisationSchema } from "~/cohorts/forms";
import { Field } from "~/components/field";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { createOrganisation, myOrganisations } from "~/organisations/organisations.server";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("org");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.title) }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { t } = await requestTranslator({ request, context }, "org");
  const organisations = await myOrganisations(db, user.id);
  return {
    title: t("list.title"),
    organisations: organisations.map((o) => ({ ...o, path: paths.organisation(o) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { t } = await requestTranslator({ request, context }, "org");
  const submission = parseWithZod(await readForm({ request, context }), { schema: organisationSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), 400);
  const organisation = await createOrganisation(db, user.id, submission.value.name, context.clientIp);
  throw redirect(paths.organisation(organisation));
}

export default function Organisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const { t } = useTranslation("org");
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "create-organisation", lastResult });
  return (
    <div className="space-y-10">
      <section aria-labelledby="orgs-heading">
        <h1 id="orgs-heading" className="text-3xl font-bold">
          {t("list.heading")}
        </h1>
        {organisations.length === 0 ? (
          <p className="mt-4">{t("list.empty")}</p>
        ) : (
          <ul className="mt-6 grid gap-4 md:grid-cols-2">
            {organisations.map((o) => (
              <li key={o.id} className="card flex items-center justify-between gap-3">
                <Link to={o.path} className="text-lg font-semibold">
                  {o.name}
                </Link>
                <span className="text-sm muted">{t(`roles.${o.role}`, { defaultValue: o.role })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="create-heading" className="max-w-md">
        <h2 id="create-heading" className="text-2xl font-bold">
          {t("list.create.heading")}
        </h2>
        <p className="mt-2 muted">{t("list.create.intro")}</p>
        <Form method="post" className="mt-4 space-y-5" {...getFormProps(form)}>
          <Field field={fields.name} label={t("list.create.name")} autoComplete="organization" />
          <button type="submit" className="btn-primary">
            {t("list.create.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
