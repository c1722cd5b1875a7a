/** Read a file with progress events, so a large file shows a moving bar rather than a frozen page. */
export function readWithProgress(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () =>
      reject(
        new Error(
          `the file ${file.name} could not be read${reader.error ? ` (${reader.error.message})` : ""}`,
        ),
      );
    reader.readAsText(file);
  });
}
