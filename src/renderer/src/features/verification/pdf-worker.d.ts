/** Vite's `?worker` import: the pdf.js worker bundled as a same-origin script, constructed like a Worker. */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?worker' {
  const PdfWorker: new () => Worker;
  export default PdfWorker;
}
