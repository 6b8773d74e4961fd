// Builds the UI into the service's web root (src/Api/wwwroot/ui), committed like the generated client so a fresh
// `dotnet run --project src/Api` serves it with nothing else installed; `dotnet cake` checks the committed build is
// what these sources give. The client is compiled from its TypeScript sources: the UI has no other way to the API.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
    base: "/ui/",
    plugins: [react()],
    resolve: {
        alias: { "@proxyadmin/client": fileURLToPath(new URL("../typescript/src/index.ts", import.meta.url)) },
    },
    build: {
        outDir: process.env.PROXYADMIN_UI_OUT ?? fileURLToPath(new URL("../../src/Api/wwwroot/ui", import.meta.url)),
        emptyOutDir: true,
        sourcemap: false,
    },
});
