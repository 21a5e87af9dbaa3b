import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, MAX_ATTACHMENT_BYTES, NotFoundError } from '../../../engine/index.js';
import { fixture, openHarness, type Harness } from '../../support/harness.js';

const model = () => fixture(new URL('../sla/SlaTracking.test.ts', import.meta.url).href, 'SlaTracking.bpmn');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('addAttachment', () => {
  let h: Harness;
  let id: string;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(model());
    id = (await h.engine.start('sla_review', { channel: 'centre' })).id;
  });
  afterEach(() => h.dispose());

  it('should keep a PDF scan with its SHA-256 in the audit trail and the history', async () => {
    const record = await h.engine.addAttachment(id, { by: 'clerk-1', fileName: 'C:\\scans\\passport.pdf', content: PDF });
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(record).toMatchObject({ instanceId: id, fileName: 'passport.pdf', contentType: 'application/pdf', size: PDF.length, sha256, by: 'clerk-1' });
    expect(await h.engine.attachments(id)).toEqual([record]);
    expect(Buffer.from((await h.engine.attachment(id, record.id)).content).equals(PDF)).toBe(true);
    const audit = (await h.engine.audit({ subject: id })).find((a) => a.action === 'attachment.add');
    expect(audit).toMatchObject({ actor: 'clerk-1', data: { attachmentId: record.id, sha256, size: PDF.length } });
    expect((await h.engine.history(id)).filter((e) => e.event === 'attachment')).toMatchObject([{ data: { sha256, fileName: 'passport.pdf' } }]);
  });

  it('should refuse a PNG renamed .pdf, naming what its content is', async () => {
    const error = await h.engine.addAttachment(id, { by: 'clerk-1', fileName: 'scan.pdf', content: PNG }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/fileName: its name says PDF, but its content is a PNG/);
    expect(await h.engine.attachments(id)).toEqual([]);
  });

  it('should refuse content that is none of PDF, JPEG, PNG whatever its name, and a file over the limit', async () => {
    await expect(h.engine.addAttachment(id, { by: 'c', fileName: 'scan.pdf', content: Buffer.from('MZ\x90\x00 not a pdf') })).rejects.toThrow(/content: the file is not a PDF, JPEG, PNG/);
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    PDF.copy(big);
    await expect(h.engine.addAttachment(id, { by: 'c', fileName: 'big.pdf', content: big })).rejects.toThrow(`the limit is ${MAX_ATTACHMENT_BYTES} bytes`);
  });

  it("should not serve one application's attachment under another", async () => {
    const other = (await h.engine.start('sla_review', { channel: 'centre' })).id;
    const record = await h.engine.addAttachment(id, { by: 'clerk-1', fileName: 'a.png', content: PNG });
    await expect(h.engine.attachment(other, record.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
