import { defineCheck, entitlementsAt, type ProjectFinding } from './check';

/**
 * PC11: targets of one app (the app and the extensions/watch app it depends on) that are CloudKit-entitled
 * with different container lists. "All targets of one app (iOS, watch, widgets, macOS) should list the same
 * container and team" (doc SHARE-SAMPLE, setup step 3); a differing first container makes each
 * target's default store sync with a different database.
 */
export const PC11 = defineCheck('PC11', 'warning', 'Targets of one app on different containers', (ctx, self) => {
  const out: ProjectFinding[] = [];
  const key = (ids: readonly { value: string }[]) => ids.map((c) => c.value).join('\n');
  for (const app of ctx.views.filter((v) => v.target.kind === 'application' && v.containers.length > 0)) {
    for (const depName of app.target.dependencies) {
      const dep = ctx.views.find((v) => v.project === app.project && v.target.name === depName && v.configuration.name === app.configuration.name);
      if (!dep || dep.containers.length === 0 || !dep.services.includes('CloudKit')) continue;
      if (key(dep.containers) === key(app.containers) || dep.containers[0]?.value === app.containers[0]?.value && dep.containers.every((c) => app.containers.some((a) => a.value === c.value))) continue;
      out.push(ctx.finding(self, {
        at: entitlementsAt(dep, dep.containersEntry)!,
        message: `${dep.target.name} (${dep.configuration.name}) lists ${dep.containers.map((c) => `"${c.value}"`).join(', ')}, but the app ${app.target.name} lists ${app.containers.map((c) => `"${c.value}"`).join(', ')}: their stores sync with different containers and do not see each other's data.`,
        related: [{ at: entitlementsAt(app, app.containersEntry)!, message: `containers of ${app.target.name}` }],
      }));
    }
  }
  return out;
});
