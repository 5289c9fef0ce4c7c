/** The one error body every failure uses. */
export type FieldError = Readonly<{ field: string; reason: string }>;

export type ErrorBody = Readonly<{
  statusCode: number;
  error: string;
  message: string;
  errors?: readonly FieldError[];
  [detail: string]: unknown;
}>;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const statusText = (status: number): string => STATUS_TEXT[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');

export const errorBody = (statusCode: number, message: string, details: Record<string, unknown> = {}): ErrorBody => ({
  statusCode,
  error: statusText(statusCode),
  message,
  ...details,
});
