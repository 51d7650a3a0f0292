using System.Security.Cryptography;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace Gamification.Web.Auth;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
    Deactivated,
    TooManyAttempts,
}

/// <summary>The answer to one sign-in attempt; <see cref="User"/> is set only when it succeeded.</summary>
public sealed record SignInCheck(SignInOutcome Outcome, ApplicationUser? User = null, TimeSpan RetryAfter = default)
{
    /// <summary>What the caller is told: the same words for an unknown email and a real account.</summary>
    public string Message => Outcome switch
    {
        SignInOutcome.Succeeded => "Signed in.",
        SignInOutcome.LockedOut => "This account is locked after repeated failed sign-ins. Try again later.",
        SignInOutcome.Deactivated => "This account is deactivated. Ask your administrator.",
        SignInOutcome.TooManyAttempts => "Too many failed sign-ins from this address. Try again in a minute.",
        _ => "The email address or password is incorrect.",
    };
}

/// <summary>
/// The one password check of the sign-in page and the token API. An unknown email takes the same path as a real
/// account and gets the same answers: its password is verified against a stand-in hash (the same work) and its
/// failures count towards the same lockout (<see cref="UnknownAccounts"/>). A locked or deactivated account is
/// verified too, and only the right password learns that an account is deactivated. Failed attempts also count
/// against the client address (<see cref="RateLimits.FailedSignIns"/>); past that budget every attempt from there
/// waits, without a look-up.
/// </summary>
public sealed class SignInGate(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    UnknownAccounts unknown,
    RateLimits limits)
{
    public async Task<SignInCheck> CheckAsync(string email, string password, string clientAddress)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        if (!limits.FailedSignIns.HasRoom(clientAddress, out var retryAfter))
        {
            return new SignInCheck(SignInOutcome.TooManyAttempts, RetryAfter: retryAfter);
        }
        var check = await CheckPasswordAsync(email, password);
        if (check.Outcome != SignInOutcome.Succeeded)
        {
            limits.FailedSignIns.TryTake(clientAddress, out _);
        }
        return check;
    }

    private async Task<SignInCheck> CheckPasswordAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return new SignInCheck(unknown.Check(users.NormalizeEmail(email), password, users.PasswordHasher));
        }
        // The password is verified first, whatever the account's state, so every path does the same work.
        var matches = await users.CheckPasswordAsync(user, password);
        if (await users.IsLockedOutAsync(user))
        {
            return new SignInCheck(SignInOutcome.LockedOut);
        }
        if (!matches)
        {
            await users.AccessFailedAsync(user);
            return new SignInCheck(await users.IsLockedOutAsync(user) ? SignInOutcome.LockedOut : SignInOutcome.Failed);
        }
        if (!await signIn.CanSignInAsync(user))
        {
            return new SignInCheck(SignInOutcome.Deactivated);
        }
        await users.ResetAccessFailedCountAsync(user);
        return new SignInCheck(SignInOutcome.Succeeded, user);
    }
}

/// <summary>
/// What sign-in keeps about email addresses that have no account, so that they answer like real ones: a stand-in
/// password hash to verify against, and their failed attempts, counted towards the same lockout as Identity counts
/// them for real accounts (<c>Auth:MaxFailedAccessAttempts</c>, <c>Auth:LockoutMinutes</c>). Kept in memory per
/// instance, at most 100,000 addresses, each forgotten a day after its last failure.
/// </summary>
public sealed class UnknownAccounts(IOptions<IdentityOptions> identity, TimeProvider clock) : IDisposable
{
    private static readonly ApplicationUser StandIn = new() { UserName = "stand-in", DisplayName = "Stand-in" };
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(1);
    private readonly MemoryCache failures = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly Lock sync = new();
    private string? standInHash;

    /// <summary>Verifies the password against the stand-in hash (it never matches) and counts the failure.</summary>
    public SignInOutcome Check(string normalizedEmail, string password, IPasswordHasher<ApplicationUser> hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        standInHash ??= hasher.HashPassword(StandIn, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(StandIn, standInHash, password);

        var lockout = identity.Value.Lockout;
        var now = clock.GetUtcNow();
        lock (sync)
        {
            var entry = failures.Get<Entry>(normalizedEmail) ?? new Entry();
            if (entry.LockedUntil > now)
            {
                return SignInOutcome.LockedOut;
            }
            // As UserManager.AccessFailedAsync: the failure that reaches the limit locks and starts the count again.
            entry.Failures++;
            if (entry.Failures >= lockout.MaxFailedAccessAttempts)
            {
                entry.Failures = 0;
                entry.LockedUntil = now + lockout.DefaultLockoutTimeSpan;
            }
            failures.Set(normalizedEmail, entry, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Remembered });
            return entry.LockedUntil > now ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }
    }

    public void Dispose() => failures.Dispose();

    private sealed class Entry
    {
        public int Failures { get; set; }
        public DateTimeOffset LockedUntil { get; set; }
    }
}
