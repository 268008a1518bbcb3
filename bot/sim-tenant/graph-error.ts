/** A Graph error the route handlers throw; the server turns it into Graph's error body. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

export const badRequest = (message: string) => new GraphHttpError(400, 'BadRequest', message);

/** Directory (Entra) endpoints use their own error codes, prefixed with Request_. */
export const unsupportedQuery = (message: string) => new GraphHttpError(400, 'Request_UnsupportedQuery', message);

export const directoryNotFound = (id: string) =>
  new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export const intuneNotFound = (what: string, id: string) =>
  new GraphHttpError(404, 'ResourceNotFound', `${what} with id '${id}' was not found.`);

export const segmentNotFound = (segment: string) => badRequest(`Resource not found for the segment '${segment}'.`);

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: Record<string, string>;
  };
}

/** Builds Graph's error body; `extraInner` adds fields such as the throttling sample's code and status. */
export function graphErrorBody(
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string },
  extraInner: Record<string, string> = {},
): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        ...extraInner,
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}
