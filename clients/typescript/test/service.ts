// Starts the real ProxyAdmin service for the client tests: a temporary SQLite database, a random
// loopback port and a known master key. PROXYADMIN_API_DLL names the built service (Cake sets it).
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const masterKey = "sk-typescript-client-test-master-key";

/** The one browser origin the service under test allows (ProxyAdmin__Cors__Origins). */
export const frontendOrigin = "http://frontend.example.test:5173";

export interface RunningService {
    baseUrl: string;
    stop(): Promise<void>;
}

function freePort(): Promise<number> {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            const port = typeof address === "object" && address ? address.port : 0;
            server.close(() => resolvePort(port));
        });
    });
}

async function waitUntilLive(baseUrl: string, service: ChildProcess, output: () => string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (service.exitCode !== null) {
            throw new Error(`The service exited with code ${service.exitCode}:\n${output()}`);
        }
        try {
            const response = await fetch(`${baseUrl}/health/liveliness`);
            if (response.ok) {
                return;
            }
        } catch {
            // Not listening yet.
        }
        await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`The service did not answer within 60 s:\n${output()}`);
}

export async function startService(): Promise<RunningService> {
    const dll = resolve(process.env.PROXYADMIN_API_DLL ?? join(process.cwd(), "../../src/Api/bin/Release/net10.0/ProxyAdmin.Api.dll"));
    const directory = mkdtempSync(join(tmpdir(), "proxyadmin-ts-"));
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let log = "";
    const service = spawn("dotnet", [dll, "--urls", baseUrl], {
        cwd: directory,
        env: {
            ...process.env,
            ProxyAdmin__MasterKey: masterKey,
            ProxyAdmin__SaltKey: "typescript-client-test-salt",
            ConnectionStrings__ProxyAdmin: `Data Source=${join(directory, "proxyadmin.db")}`,
            Logging__LogLevel__Default: "Warning",
            ProxyAdmin__Cors__Origins: frontendOrigin,
        },
        stdio: ["ignore", "pipe", "pipe"],
    });
    service.stdout?.on("data", chunk => { log += chunk; });
    service.stderr?.on("data", chunk => { log += chunk; });
    await waitUntilLive(baseUrl, service, () => log);
    return {
        baseUrl,
        stop: async () => {
            if (service.exitCode === null) {
                const exited = new Promise(r => service.once("exit", r));
                service.kill("SIGTERM");
                await exited;
            }
            rmSync(directory, { recursive: true, force: true });
        },
    };
}
