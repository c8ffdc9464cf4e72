/** Types for compile.mjs (plain JavaScript, so `npm start` needs no TypeScript). */
export function compileTree(options: {
  root: string;
  dirs: string[];
  out: string;
  sourcemap: 'inline' | 'linked';
  skip?: (file: string) => boolean;
}): Promise<void>;
