// Recorded guides over HTTP (docs/protocol.md "Recorded guides"): a kiosk announces a recording
// and sends its bytes in chunks (kiosk token, as for notes and usage), reads where its
// recordings stand; anybody fetches an approved recording's bytes by their SHA-256.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SHA256_HEX } from '../../core/audio';
import { AUDIO_CHUNK_BYTES } from '../../core/recording';
import { API_PATHS } from '../../core/protocol';
import { etagMatches } from '../etag';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import type { RecordingReview } from '../recording-review';
import type { RecordingStore } from '../recording-store';
import { bearer } from './submissions';

/** A chunk's body limit: one chunk and room for nothing else. */
const CHUNK_BODY_LIMIT = AUDIO_CHUNK_BYTES + 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const unauthorised = (reply: FastifyReply) => sendError(reply, 401, 'unauthorized', 'a valid kiosk token is required: enrol this kiosk first');

export function recordingRoutes(app: FastifyInstance, kiosks: KioskStore, recordings: RecordingStore, review: RecordingReview) {
  app.post(API_PATHS.recordings, async (request, reply) => {
    const kioskId = await kiosks.authenticate(bearer(request));
    if (!kioskId) return unauthorised(reply);
    const status = await recordings.announce(kioskId, request.body);
    // Nothing to name the answer by: the kiosk sent something else than a recording.
    if (status.id === '') return sendError(reply, 400, 'invalid_recording', 'the body must be a recording: { "id": "<uuid>", "guideId", "lang", "part", "sha256", "bytes", "durationMs", "type", "recordedBy", "recordedAt", "guideVersion", "textHash" }');
    return status;
  });

  app.get(API_PATHS.recordings, async (request, reply) => {
    const kioskId = await kiosks.authenticate(bearer(request));
    if (!kioskId) return unauthorised(reply);
    reply.header('Cache-Control', 'private, no-store');
    return { recordings: await recordings.statuses(kioskId) };
  });

  // The bytes come raw: a parser for them only in this scope, so no other route takes them.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: CHUNK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.put<{ Params: { id: string }; Querystring: { offset?: string } }>(API_PATHS.recordingAudio, {
      bodyLimit: CHUNK_BODY_LIMIT,
      // A chunk too big is the recording's error, not a generic one; anything else Fastify
      // refuses (another content type, no body) is a 4xx in the API's shape, never a 500.
      errorHandler: (error: Error & { statusCode?: number }, _request, reply) => {
        const status = error.statusCode ?? 500;
        if (status === 413) return sendError(reply, 413, 'audio_too_large', `a chunk is at most ${AUDIO_CHUNK_BYTES} bytes`);
        if (status === 415) return sendError(reply, 415, 'bad_request', 'send the bytes as Content-Type: application/octet-stream');
        if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', error.message);
        throw error;
      },
    }, async (request, reply) => {
      const kioskId = await kiosks.authenticate(bearer(request));
      if (!kioskId) return unauthorised(reply);
      const offset = request.query.offset ?? '';
      if (!/^\d{1,9}$/.test(offset)) return sendError(reply, 400, 'bad_request', 'offset must be the number of bytes the server holds (the `received` it answered)');
      if (!Buffer.isBuffer(request.body)) return sendError(reply, 400, 'bad_request', 'send the bytes as Content-Type: application/octet-stream');
      const outcome = await recordings.appendChunk(kioskId, request.params.id, Number(offset), request.body);
      if (outcome === null) return sendError(reply, 404, 'not_found', 'this kiosk announced no recording with this id');
      if (outcome === 'too_large') return sendError(reply, 413, 'audio_too_large', 'this chunk goes past the size the recording announced');
      return outcome;
    });
  });

  // Public like the catalogue: once approved, a recording is content every kiosk plays. A hash
  // names one content for ever, so it may be cached for good, by browsers and proxies alike.
  app.get<{ Params: { sha: string } }>(API_PATHS.audio, async (request, reply) => {
    const sha = request.params.sha;
    const audio = SHA256_HEX.test(sha) ? await review.publicAudio(sha) : null;
    if (!audio) return sendError(reply, 404, 'not_found', 'no approved recording has these bytes');
    const etag = `"${audio.sha256}"`;
    reply.header('Cache-Control', IMMUTABLE).header('ETag', etag);
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(audio.type).send(audio.bytes);
  });
}
