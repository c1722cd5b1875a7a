/**
 * The text of a PDF as a reader would extract it (pdf.js), for tests: each drawn string joined by one space,
 * so a sentence wrapped over two lines reads whole. Tests only; pdfjs-dist is a development dependency.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false })
    .promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ("str" in item) parts.push(item.str);
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: parts.join(" ").replace(/\s+/g, " ") };
}
