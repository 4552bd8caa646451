// POST and GET /api/v1/notes: a kiosk pushes its library's local notes, and reads every note of
// its library (see docs/protocol.md, *Local notes*). Authenticated like a usage push, and like
// it, each note is read alone: one the server will never take is answered `rejected` and never
// holds back the others. The library is the one the kiosk was enrolled with, never what it says.
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { libraryKey, MAX_NOTES_PER_PUSH, type NotesResponse } from '../../core/local-notes';
import { API_PATHS } from '../../core/protocol';
import { bodyEtag, etagMatches } from '../etag';
import { sendError } from '../http-errors';
import type { KioskStore } from '../kiosk-store';
import type { NotesStore } from '../notes-store';
import { bearer } from './submissions';

const Envelope = v.object({ notes: v.array(v.unknown()) });

export function notesRoutes(app: FastifyInstance, kiosks: KioskStore, notes: NotesStore) {
  app.post(API_PATHS.notes, async (request, reply) => {
    const kiosk = await kiosks.whoIs(bearer(request));
    if (!kiosk) return sendError(reply, 401, 'unauthorized', 'a valid kiosk token is required: enrol this kiosk first');
    const body = v.safeParse(Envelope, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_notes', 'the body must be { "notes": [ { "id", "guideId", "text", "expires", "revision", "updatedAt" }, ... ] }');
    if (body.output.notes.length > MAX_NOTES_PER_PUSH) return sendError(reply, 400, 'too_many_notes_in_push', `at most ${MAX_NOTES_PER_PUSH} notes per request`);
    const response: NotesResponse = { results: await notes.receive(kiosk.kioskId, libraryKey(kiosk.library), body.output.notes) };
    return response;
  });

  app.get(API_PATHS.notes, async (request, reply) => {
    const kiosk = await kiosks.whoIs(bearer(request));
    if (!kiosk) return sendError(reply, 401, 'unauthorized', 'a valid kiosk token is required: enrol this kiosk first');
    const body = JSON.stringify(await notes.libraryFeed(kiosk.library));
    // The answer is one library's and needs a token: only the kiosk's own browser may keep it
    // (`private`, never a proxy), and must ask again every time (`no-cache`); the kiosk's fetch
    // sends the ETag it kept and an unchanged list costs a 304. The ETag is a hash of the body,
    // so a kiosk moved to another library never gets a 304 for the old library's list.
    const etag = bodyEtag(body);
    reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
