import QRCode from 'qrcode';

/**
 * A QR code as inline SVG markup. qrcode's SVG renderer is plain JS (no canvas, no node:), so
 * this runs on Workers too; the sheet's CSS gives it its printed size. Level M survives a
 * smudge or a fold on a cheap printer without making the modules too small.
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
