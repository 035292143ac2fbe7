"use client";

import { type ChangeEvent, useId, useRef, useState } from "react";
import { useCurrentUser } from "@/components/session/current-user.tsx";
import { FormAlert } from "@/components/forms/form-parts.tsx";
import { focusRing, labelClass, primaryButton } from "@/components/tasks/styles.ts";
import {
  importTasks,
  type ImportOutcome,
  type ImportReport,
} from "@/lib/account/transfer-client.ts";
import { describeError, isQuietError } from "@/lib/tasks/problem.ts";
import { StatusMessage } from "./account-section.tsx";

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

type Stage =
  | { step: "idle" }
  | { step: "checking" }
  | { step: "preview"; report: ImportReport }
  | { step: "importing"; report: ImportReport };

/**
 * Choose a file → preview (the api's dry run: how many tasks, every refused row) → "Import N
 * tasks". Nothing is imported until the preview shows no refused row.
 */
export function ImportForm() {
  const { id } = useCurrentUser();
  const inputId = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | undefined>();
  const [stage, setStage] = useState<Stage>({ step: "idle" });
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  async function send(chosen: File, dryRun: boolean): Promise<ImportOutcome | undefined> {
    try {
      return await importTasks(id, chosen, { dryRun });
    } catch (failure) {
      if (!isQuietError(failure)) setError(describeError(failure));
      return undefined;
    }
  }

  async function onChoose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.currentTarget.files?.[0];
    setFile(chosen);
    setError(undefined);
    setDone(undefined);
    if (!chosen) return setStage({ step: "idle" });
    setStage({ step: "checking" });
    const outcome = await send(chosen, true);
    if (!outcome) return setStage({ step: "idle" });
    if (outcome.kind === "refused" && !outcome.report) {
      setError(outcome.message);
      return setStage({ step: "idle" });
    }
    if (outcome.kind === "refused") setError(outcome.message);
    setStage({ step: "preview", report: outcome.report ?? { count: 0, refused: [] } });
  }

  async function onImport() {
    if (!file || stage.step !== "preview") return;
    setStage({ step: "importing", report: stage.report });
    setError(undefined);
    const outcome = await send(file, false);
    if (outcome?.kind === "report") {
      setDone(`Imported ${plural(outcome.report.count, "task")}. They are in your list now.`);
      setFile(undefined);
      if (picker.current) picker.current.value = "";
      return setStage({ step: "idle" });
    }
    if (outcome) setError(outcome.message);
    setStage({ step: "preview", report: outcome?.report ?? stage.report });
  }

  const report = stage.step === "preview" || stage.step === "importing" ? stage.report : undefined;
  const canImport =
    stage.step === "preview" &&
    report !== undefined &&
    report.count > 0 &&
    report.refused.length === 0 &&
    error === undefined;

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={inputId} className={labelClass}>
          File to import (JSON or CSV)
        </label>
        <input
          ref={picker}
          id={inputId}
          type="file"
          accept=".json,.csv,application/json,text/csv"
          aria-describedby={`${inputId}-hint`}
          onChange={(event) => void onChoose(event)}
          className={`mt-1 block w-full rounded-md text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-900 dark:file:bg-slate-800 dark:file:text-slate-100 ${focusRing}`}
        />
        <p id={`${inputId}-hint`} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          An Ownlist export, or a CSV with at least a <code>title</code> column. You see what would
          be added before anything is.
        </p>
      </div>
      {stage.step === "checking" ? (
        <p role="status" className="text-sm">
          Checking the file…
        </p>
      ) : null}
      <FormAlert message={error} />
      {report ? (
        <div aria-live="polite" className="space-y-3" data-testid="import-preview">
          <p className="font-medium">
            {report.refused.length === 0
              ? `${plural(report.count, "task")} ready to import.`
              : `${plural(report.refused.length, "row")} would be refused. Fix ${report.refused.length === 1 ? "it" : "them"} in the file and choose it again; nothing is imported until every row is accepted.`}
          </p>
          {report.refused.length > 0 ? (
            <ul aria-label="Refused rows" className="list-disc space-y-1 pl-5 text-sm">
              {report.refused.map((row) => (
                <li key={`${row.where}-${row.reason}`}>
                  {row.where}: {row.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {canImport || stage.step === "importing" ? (
            <button
              type="button"
              className={primaryButton}
              disabled={stage.step === "importing"}
              aria-busy={stage.step === "importing"}
              onClick={() => void onImport()}
            >
              {stage.step === "importing" ? "Importing…" : `Import ${plural(report.count, "task")}`}
            </button>
          ) : null}
        </div>
      ) : null}
      <StatusMessage message={done} />
    </div>
  );
}
