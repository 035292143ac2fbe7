"use client";

import { useState } from "react";
import { useCurrentUser } from "@/components/session/current-user.tsx";
import { FormAlert } from "@/components/forms/form-parts.tsx";
import { secondaryButton } from "@/components/tasks/styles.ts";
import { exportTasks, saveFile, type TransferFormat } from "@/lib/account/transfer-client.ts";
import { describeError, isQuietError } from "@/lib/tasks/problem.ts";
import { StatusMessage } from "./account-section.tsx";

const LABELS: Record<TransferFormat, string> = { json: "JSON", csv: "CSV" };

/** "Download my tasks" as JSON or CSV, from the api with the browser's token. */
export function ExportButtons() {
  const { id } = useCurrentUser();
  const [pending, setPending] = useState<TransferFormat | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  async function download(format: TransferFormat) {
    setPending(format);
    setError(undefined);
    setDone(undefined);
    try {
      const file = await exportTasks(id, format);
      saveFile(file);
      setDone(`Downloaded ${file.fileName}.`);
    } catch (failure) {
      if (!isQuietError(failure)) setError(describeError(failure));
    } finally {
      setPending(undefined);
    }
  }

  return (
    <div className="space-y-3">
      <FormAlert message={error} />
      <div className="flex flex-wrap gap-3">
        {(["json", "csv"] as const).map((format) => (
          <button
            key={format}
            type="button"
            className={secondaryButton}
            disabled={pending !== undefined}
            aria-busy={pending === format}
            onClick={() => void download(format)}
          >
            {pending === format ? "Preparing…" : `Download my tasks (${LABELS[format]})`}
          </button>
        ))}
      </div>
      <StatusMessage message={done} />
    </div>
  );
}
