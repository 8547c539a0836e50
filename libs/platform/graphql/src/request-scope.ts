const SCOPE = Symbol('switchyard.requestScope');

/**
 * A value created once per HTTP request (DataLoaders, the viewer's row):
 * batching and caching live exactly as long as the request, so one request
 * never sees another's data and a list of 100 items costs one query per kind,
 * not one per item.
 */
export function requestScoped<T>(request: object, key: string, create: () => T): T {
  const holder = request as { [SCOPE]?: Map<string, unknown> };
  const scope = (holder[SCOPE] ??= new Map());
  if (!scope.has(key)) scope.set(key, create());
  return scope.get(key) as T;
}
