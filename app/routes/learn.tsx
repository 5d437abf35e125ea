import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";

export const meta: MetaFunction = () => [{ title: "My learning · Green Digital Academy" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { name: user.name };
}

export default function MyLearning() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">My learning</h1>
      <p className="mt-2 muted">Welcome, {name}.</p>
      <p className="mt-6">
        You have not enrolled in a course yet. <Link to="/courses">Browse the courses</Link>.
      </p>
    </div>
  );
}
