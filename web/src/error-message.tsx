import { GraphQLRequestError } from './api/graphql-client';

/** A failed request as a person reads it: what went wrong, each field error at its path, and what to do about a missing key. */
export function ErrorMessage({ error }: { error: Error }) {
  const fieldErrors = error instanceof GraphQLRequestError ? error.fieldErrors : [];
  const code = error instanceof GraphQLRequestError ? error.code : undefined;
  return (
    <div className="error" role="alert">
      <p>{error.message}</p>
      {code === 'UNAUTHENTICATED' && <p>This podplan needs an API key: enter one at the top of the page.</p>}
      {code === 'FORBIDDEN' && <p>Your API key's role may not do this.</p>}
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map((fieldError) => (
            <li key={`${fieldError.path}: ${fieldError.message}`}>
              <code>{fieldError.path}</code>: {fieldError.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
