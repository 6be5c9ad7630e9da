// Report photos: scaled down and re-encoded in the browser before upload,
// which also drops their EXIF metadata (the camera's location included).

// Maximum length of an uploaded photo's longer edge, in pixels.
const maxEdgePx = 1600;
const jpegQuality = 0.85;
const acceptedTypes = ['image/jpeg', 'image/png', 'image/webp'];

// Resolves to a JPEG Blob of file at most maxEdgePx on its longest edge.
// Rejects for a file that is not a JPEG, PNG or WebP image. The error's
// reason is 'type' (another file type), 'decode' (the image data is
// corrupt) or 'encode' (the browser could not write the JPEG).
export async function resizePhoto(file) {
  if (!(file instanceof Blob)) {
    throw new TypeError('photo must be a Blob or File');
  }
  if (!acceptedTypes.includes(file.type)) {
    throw Object.assign(new TypeError(`photo type '${file.type || 'unknown'}' is not accepted: use JPEG, PNG or WebP`),
      { reason: 'type' });
  }
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    throw Object.assign(new Error(`the photo could not be decoded: ${error.message}`), { reason: 'decode' });
  }
  const scale = Math.min(1, maxEdgePx / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob)
      : reject(Object.assign(new Error('the photo could not be encoded'), { reason: 'encode' }))),
      'image/jpeg', jpegQuality);
  });
}

// Uploads a photo with POST /media. Resolves to {mediaUrl} on success, or to
// {status, body} with the server's error response; rejects on a network error.
export async function uploadPhoto(apiUrl, blob, signal) {
  const form = new FormData();
  form.append('media', blob, 'photo.jpg');
  const response = await fetch(`${apiUrl}/media`, { method: 'POST', body: form, signal, cache: 'no-store' });
  const body = await response.text();
  if (response.status !== 201) return { status: response.status, body };
  const mediaUrl = JSON.parse(body).media_url;
  if (typeof mediaUrl !== 'string' || mediaUrl === '') {
    return { status: 502, body: 'POST /media returned no media_url' };
  }
  return { mediaUrl };
}
