import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Figure } from "./components";

const render = (props: Parameters<typeof Figure>[0]) => renderToStaticMarkup(createElement(Figure, props));

describe("the Figure component", () => {
  it("offers an uploaded image at every standard width, lazily, without asking the database", () => {
    const hash = "0123456789abcdef0123456789abcdef";
    const html = render({ media: hash, alt: "A solar farm.", caption: "Panels.", width: "1600", height: "900" });
    expect(html).toContain(`src="/media/${hash}/960.webp"`);
    expect(html).toContain(
      `srcSet="/media/${hash}/480.webp 480w, /media/${hash}/960.webp 960w, /media/${hash}/1600.webp 1600w"`,
    );
    expect(html).toMatch(/sizes="\(min-width: 1024px\) 50rem, calc\(100vw - 2rem\)"/);
    expect(html).toMatch(/alt="A solar farm\."/);
    expect(html).toMatch(/width="1600" height="900"/);
    expect(html).toMatch(/loading="lazy" decoding="async"/);
    expect(html).toContain("<figcaption");
  });

  it("still shows a file under /content/ as it is", () => {
    const html = render({ src: "/content/a/chart.svg", alt: "A chart.", caption: "C." });
    expect(html).toContain('src="/content/a/chart.svg"');
    expect(html).not.toMatch(/srcSet|sizes|width=/);
  });
});
