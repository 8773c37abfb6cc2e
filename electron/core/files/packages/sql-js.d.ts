// The part of sql.js (SQLite compiled to WebAssembly; the package ships no types) that rpmdb-sqlite.ts uses.
declare module 'sql.js' {
  type SqlValue = number | string | Uint8Array | null;
  interface Statement {
    step(): boolean;
    get(): SqlValue[];
    free(): boolean;
  }
  interface Database {
    prepare(sql: string): Statement;
    close(): void;
  }
  interface SqlJsStatic {
    Database: new (data?: Uint8Array) => Database;
  }
  export default function initSqlJs(config?: { locateFile?: (file: string) => string }): Promise<SqlJsStatic>;
}
