// Table names: checked as identifiers and quoted, since SQL cannot take them as parameters.

// Lower-case only: an unquoted `Herald_Apps` in psql folds to `herald_apps`, so a mixed-case name
// here would quietly name another table than the operator's own SQL does.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a table name (`herald_apps` or `schema.herald_apps`) and returns it quoted for SQL.
 * Table names cannot be query parameters, so this check is what keeps them out of injection's reach.
 * @throws TypeError when a part is not a lower-case SQL identifier.
 */
export function quoteTableName(table: string): string {
  const parts = typeof table === 'string' ? table.split('.') : [];
  if (parts.length < 1 || parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(
      `table must be a lower-case SQL identifier such as 'herald_apps' or 'myschema.herald_apps', got ${JSON.stringify(table)}`,
    );
  }
  return parts.map((part) => `"${part}"`).join('.');
}
