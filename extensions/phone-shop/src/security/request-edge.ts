// The request body at the edge: Directus's JSON parser is put aside before it runs, and the body is
// read later, after authentication, by bodyReader: bounded in size, its depth measured on the raw
// text before JSON.parse, its strings checked after. Refusals answer in the /api envelope on /api
// paths and in Directus's format everywhere else.
import type { NextFunction, Request, Response } from 'express';
import getRawBody from 'raw-body';
import { isDirectusError } from '@directus/errors';
import { InvalidJsonError, PayloadTooLargeError } from '../errors.ts';
import { sendError } from '../endpoints/api/envelope.ts';
import { parseJsonBody } from './request-body.ts';

type BodyRequest = Request & { phoneShopBody?: boolean; _body?: boolean; rawBody?: Buffer };

function isJson(req: Request): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Marks a JSON body as already parsed, so that Directus's parser leaves it for bodyReader. */
export function deferJsonBody(req: BodyRequest, _res: Response, next: NextFunction): void {
  if (isJson(req) && hasBody(req)) {
    req._body = true;
    req.phoneShopBody = true;
    req.body = {};
  }
  next();
}

/** Whether Directus's JSON parser was put aside for a body that is still to be read. */
export function hasDeferredBody(req: Request): boolean {
  return (req as BodyRequest).phoneShopBody === true;
}

/** Paths where a caller without a token may send a body: signing in, out, refreshing, resetting a password. */
export function isBodyFreeForAnonymous(path: string): boolean {
  return path.startsWith('/auth/') || path === '/auth' || path.startsWith('/users/invite/accept');
}

/** Reads and checks a body put aside by deferJsonBody. */
export function bodyReader(limit: string) {
  return (req: BodyRequest, res: Response, next: NextFunction): void => {
    if (!req.phoneShopBody) return next();
    req.phoneShopBody = false;
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      refuse(
        req,
        res,
        next,
        new InvalidJsonError({ reason: `content-encoding "${encoding}" is not accepted` }),
      );
      return;
    }
    getRawBody(req, { limit, length: req.headers['content-length'] }).then(
      (buffer) => {
        try {
          req.rawBody = buffer;
          const text = buffer.toString('utf8');
          req.body = text.trim() === '' ? {} : parseJsonBody(text);
          next();
        } catch (error) {
          refuse(
            req,
            res,
            next,
            error instanceof SyntaxError ? new InvalidJsonError({ reason: error.message }) : error,
          );
        }
      },
      (error: unknown) => {
        const type = (error as { type?: string }).type;
        if (type === 'entity.too.large') refuse(req, res, next, new PayloadTooLargeError({ limit }));
        else refuse(req, res, next, new InvalidJsonError({ reason: 'the body could not be read' }));
      },
    );
  };
}

/** Answers a refusal at the edge: the envelope on /api, Directus's error list elsewhere. */
export function refuse(req: Request, res: Response, next: NextFunction, error: unknown): void {
  if (isDirectusError(error) && (req.originalUrl.startsWith('/api/') || req.originalUrl === '/api')) {
    const extensions = (error.extensions ?? {}) as Record<string, unknown>;
    const field = typeof extensions['field'] === 'string' ? extensions['field'] : null;
    sendError(res, error.status, error.code, error.message, field ? { [field]: [error.message] } : undefined);
    return;
  }
  next(error);
}
