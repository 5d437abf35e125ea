// Any address no other route matches: a 404 page through the root error boundary.
import { notFound } from "~/http/errors.server";

export async function loader() {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}
