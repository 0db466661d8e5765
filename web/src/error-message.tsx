import { GraphQLRequestError } from './api/graphql-client.js';
import { RestRequestError } from './api/rest-client.js';

/**
 * A failed request as a person reads it: each field error at its path (the
 * message then repeats them, so it is left out), or else the message; and
 * what to do about a missing or weak key.
 */
export function ErrorMessage({ error }: { error: Error }) {
  const fromService = error instanceof GraphQLRequestError || error instanceof RestRequestError;
  const fieldErrors = fromService ? error.fieldErrors : [];
  const code = fromService ? error.code : undefined;
  return (
    <div className="error" role="alert">
      {fieldErrors.length > 0 ? (
        <>
          <p>The service rejected the input:</p>
          <ul>
            {fieldErrors.map((fieldError) => (
              <li key={`${fieldError.path}: ${fieldError.message}`}>
                <code>{fieldError.path}</code>: {fieldError.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{error.message}</p>
      )}
      {code === 'UNAUTHENTICATED' && <p>This podplan needs an API key: enter one at the top of the page.</p>}
      {code === 'FORBIDDEN' && <p>Your API key's role may not do this.</p>}
    </div>
  );
}
