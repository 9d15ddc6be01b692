/**
 * Vite replaces import.meta.env.MODE when it builds the main process: "production" for
 * electron-vite build (what npm start runs), "development" for electron-vite dev. Declared as
 * vite/client declares it, so the two merge where both are seen.
 */
interface ImportMetaEnv {
  MODE: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
