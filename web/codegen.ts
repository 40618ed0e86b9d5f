import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generates typed documents in src/gql/ from the operations in src/features/**.
 * The output is checked in so `pnpm build` works offline; rerun `pnpm codegen`
 * after changing an operation or server/schema.graphql.
 */
const config: CodegenConfig = {
  schema: '../server/schema.graphql',
  documents: ['src/features/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Plain strings instead of parsed ASTs: the client posts them as-is, so no graphql runtime ships.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
