using Microsoft.AspNetCore.Identity;

namespace Gamification.Web.Auth;

/// <summary>
/// Identity's user manager, which tells the session check of this instance whenever it stores a change to a user
/// (security stamp, active flag, roles, password, lockout), so that the change holds from the next request on.
/// </summary>
public sealed class GamificationUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger,
    SessionValidator sessions)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.UpdateUserAsync(user);
        sessions.Forget(user.Id);
        return result;
    }
}
