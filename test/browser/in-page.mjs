// Functions the browser suite runs inside the page (page.evaluate): plain JS, because the
// suite's TypeScript has no DOM types.
/* global document, window, navigator, getComputedStyle */

/** What breaks reading or using the page: sideways scroll, headings, unlabelled fields, unnamed controls. */
export function pageProblems() {
  // Nested: page.evaluate sends only this function's source to the page.
  /** The innermost elements that reach past the right edge, as tag.class (what to fix). */
  function widest() {
    const past = [...document.querySelectorAll('body *')].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 1,
    );
    const innermost = past.filter(
      (el) => !past.some((other) => other !== el && el.contains(other)),
    );
    return innermost
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`)
      .join(', ');
  }

  const problems = [];
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth + 1)
    problems.push(`scrolls sideways: ${width}px > ${window.innerWidth}px (${widest()})`);
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 headings`);
  for (const field of document.querySelectorAll('input, select, textarea')) {
    if (field.type === 'hidden' || field.closest('[hidden], dialog:not([open])')) continue;
    const labelled =
      field.labels?.length ||
      field.getAttribute('aria-label') ||
      field.getAttribute('aria-labelledby');
    if (!labelled) problems.push(`unlabelled ${field.tagName.toLowerCase()} ${field.name || ''}`);
  }
  for (const control of document.querySelectorAll('button, a[href]')) {
    if (control.closest('dialog:not([open])')) continue;
    const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim();
    if (!name) problems.push(`unnamed ${control.outerHTML.slice(0, 80)}`);
  }
  return problems;
}

/** The focused element's text, whether it is in a nav, and its outline style. */
export function focusedElement() {
  const el = document.activeElement;
  return {
    text: el?.textContent?.trim() ?? '',
    inNav: !!el?.closest('nav'),
    outline: el ? getComputedStyle(el).outlineStyle : 'none',
  };
}

/** The text of the focused element. */
export function activeText() {
  return document.activeElement?.textContent ?? null;
}

/** What the clipboard holds (the context needs the clipboard-read permission). */
export function clipboardText() {
  return navigator.clipboard.readText();
}
