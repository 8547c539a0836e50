import {
  GraphQLError,
  buildSchema,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { ValidationRule } from 'graphql';
import {
  DEFAULT_QUERY_LIMITS,
  maxAliasesRule,
  maxCostRule,
  maxDepthRule,
  maxDirectivesRule,
  queryLimitRules,
} from './query-limits';

const schema = buildSchema(/* GraphQL */ `
  interface Node {
    id: ID!
  }

  type User implements Node {
    id: ID!
    name: String
    friends(first: Int = 20): [User!]!
    best: User
  }

  type Post implements Node {
    id: ID!
    title: String
    author: User
    comments(first: Int): [Comment!]!
  }

  type Comment {
    id: ID!
    body: String
  }

  union SearchResult = User | Post

  type Query {
    me: User
    users(first: Int): [User!]!
    node(id: ID): Node
    search(text: String!, first: Int = 5): [SearchResult!]!
  }

  type Mutation {
    follow(id: ID!): User
  }
`);

function run(
  query: string,
  variables?: Record<string, unknown> | null,
): readonly GraphQLError[] {
  return validate(schema, parse(query), [
    ...specifiedRules,
    ...queryLimitRules(DEFAULT_QUERY_LIMITS, variables),
  ]);
}

/** Validates with only the given rules, to read a rule's numbers in isolation. */
function runOnly(
  query: string,
  rules: ValidationRule[],
): readonly GraphQLError[] {
  return validate(schema, parse(query), rules);
}

function limitErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.filter((error) => error.extensions?.limit !== undefined);
}

function expectValid(query: string, variables?: Record<string, unknown>) {
  expect(run(query, variables).map((error) => error.message)).toEqual([]);
}

function expectSingleLimitError(
  errors: readonly GraphQLError[],
  limit: string,
  max: number,
  actual: number,
): GraphQLError {
  const limited = limitErrors(errors);
  expect(limited).toHaveLength(1);
  expect(limited[0].extensions).toEqual({
    code: 'BAD_USER_INPUT',
    limit,
    max,
    actual,
  });
  return limited[0];
}

/** `{ me { best { ... { id } } } }` with exactly `depth` field levels. */
function deepQuery(depth: number): string {
  const bests = depth - 2;
  return `{ me { ${'best { '.repeat(bests)}id${' }'.repeat(bests)} } }`;
}

/** Same depth, with everything below `me` moved into a named fragment. */
function deepQueryViaFragment(depth: number): string {
  const bests = depth - 2;
  return `
    { me { ...Deep } }
    fragment Deep on User { ${'best { '.repeat(bests)}id${' }'.repeat(bests)} }
  `;
}

/** `__schema { types { fields { type { ofType ... { name } } } } }`. */
function introspectionQuery(depth: number): string {
  const ofTypes = depth - 5;
  return `{ __schema { types { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } } }`;
}

describe('DEFAULT_QUERY_LIMITS', () => {
  it('has the documented values', () => {
    expect(DEFAULT_QUERY_LIMITS).toEqual({
      maxDepth: 10,
      maxAliases: 15,
      maxDirectives: 10,
      maxCost: 1000,
      defaultListSize: 20,
    });
  });

  it('returns one rule per limit', () => {
    expect(queryLimitRules(DEFAULT_QUERY_LIMITS)).toHaveLength(4);
  });
});

describe('maxDepthRule', () => {
  it('counts the top-level field as level 1', () => {
    expect(deepQuery(2)).toBe('{ me { id } }');
    const errors = runOnly('{ me { id } }', [maxDepthRule(1)]);
    expectSingleLimitError(errors, 'depth', 1, 2);
  });

  it('accepts exactly the maximum depth', () => {
    expectValid(deepQuery(10));
  });

  it('refuses one level more than the maximum', () => {
    const error = expectSingleLimitError(run(deepQuery(11)), 'depth', 10, 11);
    expect(error.message).toBe('Query depth 11 exceeds the maximum of 10.');
    expect(error.locations).toEqual([{ line: 1, column: 1 }]);
  });

  it('follows named fragments as if they were inlined', () => {
    expectValid(deepQueryViaFragment(10));
    expectSingleLimitError(run(deepQueryViaFragment(11)), 'depth', 10, 11);
  });

  it('follows nested fragments and inline fragments', () => {
    const query = (bests: number) => `
      { me { ...A } }
      fragment A on User { best { ... on User { ...B } } }
      fragment B on User { best { ... { ${'best { '.repeat(bests)}id${' }'.repeat(bests)} } } }
    `;
    // me + best + best + `bests` + id
    expectValid(query(6));
    expectSingleLimitError(run(query(7)), 'depth', 10, 11);
  });

  it('does not exempt introspection', () => {
    expectValid(introspectionQuery(10));
    expectSingleLimitError(run(introspectionQuery(11)), 'depth', 10, 11);
  });

  it('reports the deepest branch, not the first one', () => {
    const query = `{ me { id } users { ${'best { '.repeat(10)}id${' }'.repeat(10)} } }`;
    expectSingleLimitError(run(query), 'depth', 10, 12);
  });

  it('evaluates each operation on its own', () => {
    const errors = run(`
      query Shallow { me { id } }
      query Deep ${deepQuery(11)}
      query Deeper ${deepQuery(12)}
    `);
    const limited = limitErrors(errors);
    expect(limited.map((error) => error.extensions.actual)).toEqual([11, 12]);
    expect(limited.map((error) => error.locations?.[0].line)).toEqual([3, 4]);
  });

  it('applies to mutations', () => {
    const bests = 9;
    const query = `mutation { follow(id: "1") { ${'best { '.repeat(bests)}id${' }'.repeat(bests)} } }`;
    expectSingleLimitError(run(query), 'depth', 10, 11);
  });
});

describe('maxAliasesRule', () => {
  const aliasedMe = (count: number) =>
    Array.from({ length: count }, (_, i) => `a${i}: me { id }`).join(' ');

  it('accepts 15 aliases', () => {
    expectValid(`{ ${aliasedMe(15)} }`);
  });

  it('refuses 16 aliases', () => {
    const error = expectSingleLimitError(
      run(`{ ${aliasedMe(16)} }`),
      'aliases',
      15,
      16,
    );
    expect(error.message).toBe('Query uses 16 aliases; the maximum is 15.');
  });

  it('counts aliased __typename', () => {
    expectValid(`{ ${aliasedMe(14)} t: __typename }`);
    expectSingleLimitError(
      run(`{ ${aliasedMe(15)} t: __typename }`),
      'aliases',
      15,
      16,
    );
  });

  it('counts aliases in a fragment once per spread', () => {
    const fragment = (count: number) =>
      `fragment F on User { ${Array.from({ length: count }, (_, i) => `f${i}: id`).join(' ')} }`;
    // 7 aliases x 2 spreads = 14
    expectValid(`{ me { ...F best { ...F } } } ${fragment(7)}`);
    // 8 aliases x 2 spreads = 16
    expectSingleLimitError(
      run(`{ me { ...F best { ...F } } } ${fragment(8)}`),
      'aliases',
      15,
      16,
    );
  });

  it('counts aliases in inline fragments', () => {
    const inline = Array.from(
      { length: 16 },
      (_, i) => `... on User { u${i}: name }`,
    ).join(' ');
    expectSingleLimitError(
      run(`{ node(id: "1") { ${inline} } }`),
      'aliases',
      15,
      16,
    );
  });

  it('ignores fields without an alias', () => {
    const errors = runOnly(`{ me { id name best { id } } }`, [
      maxAliasesRule(0),
    ]);
    expect(errors).toEqual([]);
  });
});

describe('maxDirectivesRule', () => {
  // One directive per field node: UniqueDirectivesPerLocation forbids
  // repeating @include on the same node, repeating the field is fine.
  const directives = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      i % 2 ? 'id @skip(if: false)' : 'id @include(if: true)',
    ).join(' ');

  it('accepts 10 directives', () => {
    expectValid(`{ me { ${directives(10)} } }`);
  });

  it('refuses 11 directives', () => {
    const error = expectSingleLimitError(
      run(`{ me { ${directives(11)} } }`),
      'directives',
      10,
      11,
    );
    expect(error.message).toBe('Query uses 11 directives; the maximum is 10.');
  });

  it('counts directives on fields, spreads, inline fragments and fragments', () => {
    const query = `
      query($yes: Boolean = true) {
        me @include(if: $yes) {
          ...F @include(if: $yes)
          ... on User @skip(if: false) { name @include(if: $yes) }
          best { ...F }
        }
      }
      fragment F on User { id @skip(if: false) friends { id @include(if: true) } }
    `;
    // 4 outside F, 2 inside F, F spread twice
    const errors = runOnly(query, [maxDirectivesRule(7)]);
    expectSingleLimitError(errors, 'directives', 7, 8);
    expect(runOnly(query, [maxDirectivesRule(8)])).toEqual([]);
  });
});

describe('maxCostRule', () => {
  // Scalar and enum fields cost nothing; every object or list field costs 1
  // plus its selection set, times `first` where the field takes one.

  it('multiplies by a literal "first"', () => {
    // 1 + best(1) x 50
    expectValid('{ users(first: 50) { id name best { id } } }');
    const error = expectSingleLimitError(
      run('{ users(first: 1000) { id best { id } } }'),
      'cost',
      1000,
      1001,
    );
    expect(error.message).toBe(
      'Query cost 1001 exceeds the maximum of 1000 (list fields count once per requested item: lower "first").',
    );
  });

  it('does not charge for scalar fields', () => {
    expectValid('{ users(first: 100) { id name } }');
  });

  it('uses the value of a variable', () => {
    const query = 'query Users($n: Int) { users(first: $n) { best { id } } }';
    expectValid(query, { n: 10 });
    expectSingleLimitError(run(query, { n: 1000 }), 'cost', 1000, 1001);
  });

  it('falls back to the variable default of the operation', () => {
    const query = 'query Users($n: Int = 1200) { users(first: $n) { best { id } } }';
    expectSingleLimitError(run(query), 'cost', 1000, 1201);
    expectValid(query, { n: 5 });
  });

  it('uses the schema default when "first" is absent', () => {
    // me: 1 + friends(first: Int = 20): (1 + best(1) x 20)
    const errors = runOnly('{ me { friends { best { id } } } }', [
      maxCostRule(10, 3),
    ]);
    expectSingleLimitError(errors, 'cost', 10, 22);
  });

  it('uses the schema default when the variable is not provided', () => {
    const errors = runOnly(
      'query($n: Int) { me { friends(first: $n) { best { id } } } }',
      [maxCostRule(10, 3)],
    );
    expectSingleLimitError(errors, 'cost', 10, 22);
  });

  it('uses defaultListSize without a schema default', () => {
    // users(first: Int): 1 + (best 1 + friends 1) x 7
    const errors = runOnly('{ users { best { id } friends(first: 1) { id } } }', [maxCostRule(10, 7)]);
    expectSingleLimitError(errors, 'cost', 10, 15);
  });

  it('does not let null or negative values lower the estimate', () => {
    for (const first of ['null', '-5']) {
      const errors = runOnly(`{ users(first: ${first}) { best { id } friends(first: 1) { id } } }`, [
        maxCostRule(10, 7),
      ]);
      expect(limitErrors(errors)[0]?.extensions.actual).toBe(15);
    }
    const errors = runOnly('query($n: Int) { users(first: $n) { best { id } friends(first: 1) { id } } }', [
      maxCostRule(10, 7, { n: -100 }),
    ]);
    expect(limitErrors(errors)[0]?.extensions.actual).toBe(15);
  });

  it('multiplies nested lists', () => {
    // 1 + (1 + 1 x 100) x 100
    expectSingleLimitError(
      run('{ users(first: 100) { friends(first: 100) { best { id } } } }'),
      'cost',
      1000,
      10101,
    );
    expectValid('{ users(first: 10) { friends(first: 10) { best { id } } } }');
  });

  it('follows fragments and type conditions on interfaces and unions', () => {
    const errors = runOnly(
      `
        {
          node(id: "1") { ...UserFriends }
          search(text: "x", first: 10) {
            ... on User { friends(first: 10) { best { id } } }
            ... on Post { comments(first: 10) { id } }
          }
        }
        fragment UserFriends on User { friends(first: 50) { best { id } } }
      `,
      [maxCostRule(0, 20)],
    );
    // node: 1 + (1 + 1 x 50) = 52; search: 1 + (11 + 1) x 10 = 121
    expectSingleLimitError(errors, 'cost', 0, 173);
  });

  it('counts introspection fields', () => {
    const errors = runOnly('{ __schema { types { name } } __typename }', [
      maxCostRule(0, 20),
    ]);
    expectSingleLimitError(errors, 'cost', 0, 2);
  });

  it('counts unknown fields as 1 without a multiplier', () => {
    const errors = run('{ me { nope { id } } }');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Cannot query field "nope" on type "User"/);
    const only = runOnly('{ me { nope(first: 1000) { id } } }', [
      maxCostRule(0, 20),
    ]);
    expectSingleLimitError(only, 'cost', 0, 3);
  });
});

describe('hostile documents', () => {
  it('does not hang on fragment cycles', () => {
    const errors = run(`
      { me { ...A } }
      fragment A on User { best { ...B } id: name @include(if: true) }
      fragment B on User { friends(first: 100) { ...A } }
      fragment Self on User { ...Self }
    `);
    expect(errors.map((error) => error.message)).toEqual(
      expect.arrayContaining([
        'Cannot spread fragment "A" within itself via "B".',
        'Cannot spread fragment "Self" within itself.',
      ]),
    );
  });

  it('stays linear on fragments that fan out exponentially', () => {
    // Each fragment spreads the next one twice: 2^39 copies of `a: id`.
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on User { a: id @include(if: true) }`
        : `fragment F${i} on User { ...F${i + 1} best { ...F${i + 1} } }`,
    ).join('\n');
    const started = Date.now();
    const errors = runOnly(`{ me { ...F0 } }\n${fragments}`, [
      ...queryLimitRules(DEFAULT_QUERY_LIMITS),
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    const actual = Object.fromEntries(
      limitErrors(errors).map((error) => [
        error.extensions.limit,
        error.extensions.actual,
      ]),
    );
    expect(actual).toEqual({
      depth: 41,
      aliases: 2 ** 39,
      directives: 2 ** 39,
      // F39 costs 0 (a scalar), F(i) = 2 * F(i + 1) + 1 (the `best` field), plus `me`
      cost: 2 ** 39,
    });
  });

  it('keeps huge counts finite', () => {
    const errors = runOnly(
      '{ users(first: 1e300) { friends(first: 1e300) { id } } }',
      [maxCostRule(1000, 20)],
    );
    const actual = limitErrors(errors)[0]?.extensions.actual;
    expect(actual).toBe(Number.MAX_SAFE_INTEGER);
    expect(JSON.parse(JSON.stringify(errors[0].toJSON())).extensions.actual).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('ignores unknown fragments', () => {
    const errors = run('{ me { ...Missing } }');
    expect(errors.map((error) => error.message)).toEqual([
      'Unknown fragment "Missing".',
    ]);
  });
});
