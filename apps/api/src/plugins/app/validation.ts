import {
  CALENDAR_DATE_PATTERN,
  NO_NUL_PATTERN,
  normalizeTaskFields,
  type ProblemFieldError,
} from "@ownlist/contract";
import Ajv, { type ErrorObject, type Options } from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchema, FastifySchemaCompiler } from "fastify";
import fp from "fastify-plugin";
import { RequestValidationError } from "./problems/request-validation-error.ts";

const common: Options = { allErrors: true, allowUnionTypes: true, strict: true };

/**
 * Bodies are JSON: their types are what the client meant. Fastify's defaults (coerceTypes,
 * removeAdditional, useDefaults) would turn `"completed": "yes"` into true and silently drop
 * `user_id`; docs/contract.md#task wants a 422 naming the field instead.
 */
const bodyAjv = addFormats(
  new Ajv({ ...common, coerceTypes: false, removeAdditional: false, useDefaults: false }),
);

/** Query strings are text by nature: `limit=20` is read as the integer 20; defaults are filled. */
const queryAjv = addFormats(
  new Ajv({ ...common, coerceTypes: true, removeAdditional: false, useDefaults: true }),
);

type ValidationResult = { value: unknown } | { error: RequestValidationError };

/**
 * Installs our validator compiler (before any route is added). Body validation also applies the
 * rules a JSON schema cannot say (trimmed lengths, tag de-duplication), so that a handler only
 * ever sees a normalized body and a client gets every bad field in one 422.
 */
export default fp(
  async function validation(app) {
    app.setValidatorCompiler(compileValidator);
  },
  { name: "validation" },
);

export const compileValidator: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  if (httpPart === "body") {
    const validate = bodyAjv.compile(schema as object);
    return (data: unknown): ValidationResult => {
      const errors = validate(data) ? [] : toFieldErrors(validate.errors, "body");
      if (data === null || typeof data !== "object" || Array.isArray(data)) {
        return { error: new RequestValidationError(errors) };
      }
      const badFields = new Set(errors.map((error) => error.field.replace(/\[.*$/, "")));
      const normalized = normalizeTaskFields(data, badFields);
      errors.push(...normalized.errors);
      return errors.length > 0
        ? { error: new RequestValidationError(errors) }
        : { value: normalized.value };
    };
  }
  const validate = queryAjv.compile(schema as object);
  return (data: unknown): ValidationResult => {
    if (validate(data)) return { value: data };
    return { error: new RequestValidationError(toFieldErrors(validate.errors, httpPart ?? "")) };
  };
};

/** One entry per bad field (the first problem found with it), in words a person can act on. */
export function toFieldErrors(
  errors: ErrorObject[] | null | undefined,
  part: string,
): ProblemFieldError[] {
  const byField = new Map<string, string>();
  for (const error of errors ?? []) {
    let field = pointerToField(error.instancePath);
    if (error.keyword === "required") field = child(field, String(error.params.missingProperty));
    if (error.keyword === "additionalProperties")
      field = child(field, String(error.params.additionalProperty));
    if (field === "") field = part === "querystring" ? "query" : part;
    if (!byField.has(field)) byField.set(field, messageFor(error));
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

function messageFor(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return `must be ${describeType(params.type)}`;
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not a writable field";
    case "enum":
      return `must be one of: ${(params.allowedValues as unknown[]).join(", ")}`;
    case "format":
      return params.format === "date"
        ? "must be a calendar date (YYYY-MM-DD)"
        : `must be a valid ${String(params.format)}`;
    case "pattern":
      if (params.pattern === NO_NUL_PATTERN) return "must not contain NUL characters";
      if (params.pattern === CALENDAR_DATE_PATTERN) return "must be a calendar date (YYYY-MM-DD)";
      return `must match ${String(params.pattern)}`;
    case "minLength":
      return params.limit === 1
        ? "must not be empty"
        : `must be at least ${String(params.limit)} characters`;
    case "maxLength":
      return `must be at most ${String(params.limit)} characters`;
    case "minimum":
      return `must be at least ${String(params.limit)}`;
    case "maximum":
      return `must be at most ${String(params.limit)}`;
    default:
      return error.message ?? "is invalid";
  }
}

const ARTICLES: Record<string, string> = {
  string: "a string",
  boolean: "a boolean (true or false)",
  integer: "an integer",
  number: "a number",
  array: "an array",
  object: "an object",
  null: "null",
};

function describeType(type: unknown): string {
  const types = (Array.isArray(type) ? type : String(type).split(",")) as string[];
  return types.map((name) => ARTICLES[name] ?? name).join(" or ");
}

/** `/tags/2` → `tags[2]`; `/title` → `title`. */
function pointerToField(pointer: string): string {
  let field = "";
  for (const segment of pointer.split("/").slice(1)) {
    const name = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    field = child(field, name);
  }
  return field;
}

function child(parent: string, name: string): string {
  if (/^\d+$/.test(name)) return `${parent}[${name}]`;
  return parent === "" ? name : `${parent}.${name}`;
}
