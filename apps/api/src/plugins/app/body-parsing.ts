import fp from "fastify-plugin";

/**
 * JSON is the only body the api reads: every other content type with a body is a 415 (Fastify's
 * default text/plain parser is removed). An empty JSON body is "no body" rather than malformed
 * JSON, so that `/complete` can toggle on it; routes that need a body reject it themselves.
 * Prototype-poisoning keys (`__proto__`, `constructor.prototype`) are refused as malformed.
 */
export default fp(
  async function bodyParsing(app) {
    const parseJson = app.getDefaultJsonParser("error", "error");
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      "application/json",
      { parseAs: "string" },
      function parseJsonBody(request, body, done) {
        if (body === "") {
          done(null, undefined);
          return;
        }
        // With `done` given, the default parser answers through it; its type also covers the
        // promise-returning form, which this call never takes.
        void parseJson(request, body as string, done);
      },
    );
  },
  { name: "body-parsing" },
);
