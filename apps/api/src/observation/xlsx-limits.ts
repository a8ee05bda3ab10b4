import JSZip from 'jszip';

/**
 * What an uploaded workbook may unpack to. exceljs inflates every part of the zip into one string
 * and builds every row before anything can be counted, so a 300 kB zip of spaces took a gigabyte
 * and a 10 MB one would take the process down. These limits are checked first, by streaming each
 * part and stopping at the limit: far above a 10,000-row sheet (a few MB), far below harm.
 */
export interface XlsxLimits {
  /** All parts together, inflated. */
  inflatedBytes: number;
  /** `<row>` elements in all worksheets together. */
  rows: number;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const ROW = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
/** Characters kept from the end of a chunk so that a `<row` split across two chunks is still seen. */
const TAIL = 64;

/** Why the workbook is refused before it is read, or null when it is within the limits (or not a zip: exceljs says so). */
export async function xlsxLimitProblem(bytes: Buffer, limits: XlsxLimits): Promise<string | null> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return null;
  }
  const seen = { bytes: 0, rows: 0 };
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const problem = await inflate(entry, WORKSHEET.test(entry.name.replace(/^\//, '')), seen, limits);
    if (problem) return problem;
  }
  return null;
}

/** Streams one part, adding its bytes (and rows, for a worksheet) to `seen`; stops as soon as a limit is passed. */
function inflate(
  entry: JSZip.JSZipObject,
  worksheet: boolean,
  seen: { bytes: number; rows: number },
  limits: XlsxLimits,
): Promise<string | null> {
  return new Promise((resolve) => {
    const stream = entry.nodeStream('nodebuffer') as NodeJS.ReadableStream & { destroy(): void };
    let tail = '';
    const stop = (problem: string | null) => {
      stream.removeAllListeners('data');
      stream.destroy();
      resolve(problem);
    };
    stream.on('data', (chunk: Buffer) => {
      seen.bytes += chunk.length;
      if (seen.bytes > limits.inflatedBytes) return stop(`the workbook unpacks to more than ${limits.inflatedBytes / 1024 / 1024} MiB`);
      if (!worksheet) return;
      const text = tail + chunk.toString('latin1');
      for (const m of text.matchAll(ROW)) if (m.index + m[0].length > tail.length) seen.rows++;
      tail = text.slice(-TAIL);
      if (seen.rows > limits.rows) stop(`the workbook's sheets hold more than ${limits.rows} rows`);
    });
    stream.on('end', () => resolve(null));
    // A corrupt part: exceljs reports the file as unreadable.
    stream.on('error', () => resolve(null));
  });
}
