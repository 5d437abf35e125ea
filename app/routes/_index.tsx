import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { paths } from "~/paths";
import { SITE_NAME } from "~/site";

export const meta: MetaFunction = () => [
  { title: `${SITE_NAME}: skills for green digital action` },
  { name: "description", content: "Courses on circular ICT, green ICT standards and digital climate action, with certificates anyone can verify." },
];

const pillars = [
  { title: "Circular ICT", text: "Keep devices and networks in use longer, design for repair, and close the loop on e-waste." },
  { title: "Standards and carbon accounting", text: "Measure emissions across Scopes 1–3 with ITU-T's L.1400 family and set science-based targets." },
  { title: "Digital climate action", text: "Monitor climate with open data, cut emissions with ICT, and get early warnings to everyone." },
  { title: "Sustainable software", text: "Measure software's carbon intensity and build energy-, hardware- and carbon-aware services." },
];

export default function Home() {
  return (
    <div className="space-y-14">
      <section className="max-w-3xl">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Learn the skills behind green digital action</h1>
        <p className="mt-5 text-lg muted">
          Green Digital Academy teaches people at operators, manufacturers, regulators, ministries, cities and universities how to
          make digital technology part of the climate solution: circular ICT, green ICT standards and greenhouse-gas accounting,
          and digital climate action from satellite monitoring to early warnings. Every course ends in a certificate that
          anyone can verify in one click.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link to={paths.courses()} className="btn-primary">Browse courses</Link>
          <Link to={paths.signUp()} className="btn-secondary">Create a free account</Link>
        </div>
      </section>
      <section aria-labelledby="what-heading">
        <h2 id="what-heading" className="text-2xl font-bold">What you can learn</h2>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2">
          {pillars.map((p) => (
            <li key={p.title} className="card">
              <h3 className="text-lg font-semibold">{p.title}</h3>
              <p className="mt-2 muted">{p.text}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="how-heading" className="max-w-3xl">
        <h2 id="how-heading" className="text-2xl font-bold">Built for slow links and busy people</h2>
        <p className="mt-3 muted">
          Pages are small and work without JavaScript, lessons remember where you stopped, quizzes are graded on our server, and
          certificates are signed so that an employer can check them without calling us.
        </p>
      </section>
    </div>
  );
}
