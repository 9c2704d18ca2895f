-- Signatures on signature tasks (ONB-4). The evidence hash is SHA-256 over the signed bytes:
-- the document (or the task's text when nothing is attached), the name, the image, the
-- signer's email and the time (see shared/signature/SignatureEvidence.cpp). Verification
-- recomputes it from what is stored, so a changed document or image no longer matches.
CREATE TABLE task_signature (
    id {{pk}},
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    contact_id BIGINT REFERENCES contact(id) ON DELETE SET NULL,
    signer_name TEXT NOT NULL,
    signer_email TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('drawn', 'typed')),
    image {{blob}} NOT NULL,
    document_file_id BIGINT REFERENCES stored_file(id) ON DELETE SET NULL,
    document_name TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    signed_at BIGINT NOT NULL,
    evidence_sha256 TEXT NOT NULL,
    signed_pdf_file_id BIGINT REFERENCES stored_file(id) ON DELETE SET NULL
);
CREATE INDEX task_signature_task ON task_signature (task_id);
