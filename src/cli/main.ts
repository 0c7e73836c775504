/**
 * The `provision` command line: validate, plan, apply, doctor, emulator. Each action returns an exit
 * code; unexpected errors print one line (never a secret) and exit 1. A command's module is loaded
 * only when that command runs, so `validate` never loads the SDKs, the credentials or the local
 * tenant (start-up is CPU time of every run: docs/performance.md).
 */
import { Command, Option } from 'commander';
import { durationMs } from './duration.ts';
import { addCredentialOptions } from './credential-options.ts';
import { addLocalOptions } from './local-options.ts';
import { atLeastOne, existingFile, markdownChars, port, positiveNumber, progressInterval, share, lagSeconds } from './option-parsers.ts';
import { parseAppRoles } from './app-roles-option.ts';
import { info, toleratePipesClosed } from './output.ts';
import { REQUEST_TIMEOUT_FLAGS, REQUEST_TIMEOUT_HELP, requestTimeoutSeconds } from './request-timeout-option.ts';
import { packageVersion } from './package-version.ts';

const tenantHelp = "'local' (the embedded local tenant) or a tenant name such as contoso (default: PROVISION_TENANT, the config file's tenant, else local)";


toleratePipesClosed();

async function run(action: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (error) {
    info(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

const program = new Command()
  .name('provision')
  .description('Declarative provisioning of Microsoft 365 information architecture: plan and apply YAML blueprints.')
  .version(packageVersion(), '-V, --version', 'print the version of m365-provision')
  .showHelpAfterError('(run with --help for usage)');

program
  .command('validate')
  .description('check a blueprint (YAML, schema, names, references) without contacting any tenant')
  .argument('<blueprint>', 'the blueprint YAML file')
  .action((file: string) => run(async () => (await import('./commands/validate.ts')).validateCommand(file)));

addCredentialOptions(addLocalOptions(program
  .command('plan')
  .description('show what apply would change in the tenant')
  .argument('<blueprint>', 'the blueprint YAML file')
  .option('--tenant <name>', tenantHelp)
  .option('--detailed-exitcode', 'exit 0 when there are no changes, 1 on error, 2 when there are changes')
  .option('--json', 'print the plan as JSON')
  .option('--out <file>', 'save the plan as JSON, to apply exactly it later')
  .option('--markdown <file>', "also write the plan as Markdown, for a pull request comment or a job summary ('-': print it instead of the text)")
  .option('--markdown-max-chars <n>', 'the longest Markdown plan: changes past it are counted, not shown (default 65000: a GitHub comment holds 65536)', markdownChars)
  .option(REQUEST_TIMEOUT_FLAGS, REQUEST_TIMEOUT_HELP, requestTimeoutSeconds)
  .option('--no-color', 'no colour in the output')))
  .action((file: string, opts) => run(async () => (await import('./commands/plan.ts')).planCommand(file, opts)));

addCredentialOptions(addLocalOptions(program
  .command('apply')
  .description('make the tenant match a blueprint, or apply a saved plan')
  .argument('<blueprint-or-plan>', 'a blueprint YAML file or a plan saved with plan --out')
  .option('--tenant <name>', tenantHelp)
  .option('-y, --yes', 'apply without asking for confirmation')
  .option('--concurrency <n>', 'changes in flight at once (most of them wait on the service: a team being made, a site provisioning)', atLeastOne, 2000)
  .option('--http-concurrency <n>', 'HTTP requests on the wire at once (requests waiting for their throttle budget hold none)', atLeastOne, 48)
  .option('--budget-share <share>', 'share of the tenant throttle budget this apply may use, 0-1', share, 0.9)
  .option(REQUEST_TIMEOUT_FLAGS, REQUEST_TIMEOUT_HELP, requestTimeoutSeconds)
  .option('--allow-delete-content', 'allow deleting lists and libraries that hold items, and other changes that destroy content')
  .option('--allow-delete-sites', 'allow deleting sites (and their groups)')
  .option('--allow-remove-last-owner', 'allow removing the last owner of a group or team')
  .option('--allow-wider-sharing', 'allow widening external sharing, making a private team site public, or a list inherit its site\'s permissions again')
  .option('--allow-custom-script', 'allow custom script (DenyAddAndCustomizePages off) on the sites whose changes need it, through the tenant admin API right before those changes')
  .option('--lock-timeout <duration>', 'wait this long (e.g. 30s, 5m) for another apply of this folder or blueprint to finish, instead of refusing at once', durationMs, 0)
  .addOption(new Option('--progress <mode>', 'progress without a terminal: a line a change (lines), or a status line every --progress-interval with failures as they happen (periodic); auto: lines below 2000 changes, else periodic').choices(['auto', 'lines', 'periodic']).default('auto'))
  .option('--progress-interval <duration>', 'how often periodic progress prints its status line (e.g. 30s, 1m; at least 1s)', progressInterval, 60_000)
  .option('--markdown <file>', "also write the outcome as Markdown, for a pipeline's job summary")
  .option('--no-color', 'no colour in the output')))
  // Whether the interval was given, not defaulted: `--progress lines` with one is a contradiction (apply.ts).
  .action((input: string, opts, cmd: Command) =>
    run(async () => (await import('./commands/apply.ts')).applyCommand(input, { ...opts, progressIntervalGiven: cmd.getOptionValueSource('progressInterval') === 'cli' })));

addCredentialOptions(addLocalOptions(program
  .command('doctor')
  .description('check that the credential has every permission the blueprint needs, and say how to grant what is missing')
  .argument('<blueprint>', 'the blueprint YAML file')
  .option('--tenant <name>', tenantHelp)
  .option('--json', 'print the checks as JSON')))
  .action((file: string, opts) => run(async () => (await import('./commands/doctor.ts')).doctorCommand(file, opts)));

const emulator = program.command('emulator').description('the local tenant: an emulator of Microsoft Graph and SharePoint REST');
emulator
  .command('start')
  .description('serve the local tenant until interrupted')
  .option('--profile <name>', "'instant' (no latency, no throttling) or 'realistic' (Microsoft's documented limits, latency, async work)", 'instant')
  .option('--time-scale <n>', 'simulated seconds per real second, e.g. 100 (default 1)', positiveNumber)
  .option('--licences <n>', 'licences of the tenant: selects the SharePoint resource-unit band (default 1000)', atLeastOne)
  .option('--faults <file>', 'a JSON or YAML fault plan (rates and scripted faults)', existingFile)
  .option('--directory-lag <seconds>', 'simulated seconds (median) a new group is missing from $filter lookups; 0 = off (default: 8 under realistic, off under instant)', lagSeconds)
  .option('--port <n>', 'port to listen on (default: any free port)', port)
  .option('--state <dir>', 'state folder (default: .provision/local-tenant)')
  .option('--app-roles <spec>', "app roles granted to the local tenant's app, e.g. 'graph=Group.ReadWrite.All,User.Read.All;sharepoint=Sites.FullControl.All' (default: all the engine needs)", parseAppRoles)
  .option('--domain <name>', "a custom domain to verify in the local tenant (e.g. botkyrka.se), so that users can be created on it; repeatable; kept in the state folder", (name: string, names: string[] | undefined) => [...(names ?? []), name])
  .option('--proxy', 'also listen as an HTTPS forward proxy for the real hosts (HTTPS_PROXY), with TLS from its own CA (see emulator ca)')
  .option('--proxy-port <n>', 'port of the proxy (default: any free port; implies --proxy)', port)
  .action((opts) => run(async () => (await import('./commands/emulator.ts')).emulatorStartCommand(opts)));
emulator
  .command('users')
  .description("the local tenant's directory")
  .command('import <roster>')
  .description("add the users of a roster in Microsoft Entra's bulk create CSV (version row, headings such as 'Name [displayName] Required', a user a row), each through Graph POST /users")
  .option('--state <dir>', 'state folder (default: .provision/local-tenant)')
  .option('--domain <name>', 'a custom domain to verify first (e.g. botkyrka.se); repeatable; kept in the state folder', (name: string, names: string[] | undefined) => [...(names ?? []), name])
  .action((roster: string, opts) => run(async () => (await import('./commands/emulator-users.ts')).emulatorUsersImportCommand(roster, opts)));
emulator
  .command('ca')
  .description("print the path of the proxy's CA certificate (for NODE_EXTRA_CA_CERTS), making it if missing")
  .option('--state <dir>', 'state folder (default: .provision/local-tenant)')
  .action((opts) => run(async () => (await import('./commands/emulator.ts')).emulatorCaCommand(opts)));

await program.parseAsync(process.argv);
